// Related lists kept between dev rebuilds: after any sequence of edits they equal a full scoring.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoRelated, type RelatedMemo, rowsToScore } from "../../src/digest/related-memo.ts";
import { type RelatedInput, relatedArticles } from "../../src/digest/related.ts";

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2025, 7, 15, 12, 0, 0);
// Few tags, spelled in two cases, so that lists overlap and the edited article's tags are shared.
const TAGS = ["Rivers", "rivers", "Ports", "Rail", "Harbour", "Budget", "Ferries", "Schools"];
const OUTLETS = ["Courier", "Ledger", "Wire"];

const tagList = fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 });
const inputs = fc
  .array(
    fc.record({
      day: fc.integer({ min: 0, max: 60 }),
      tags: tagList,
      source: fc.option(fc.constantFrom(...OUTLETS), { nil: undefined }),
      story: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((list) =>
    list.map(
      (x, i): RelatedInput => ({
        url: `/a${i}/`,
        time: T0 + x.day * DAY_MS,
        tags: x.tags,
        source: x.source,
        story: x.story,
      }),
    ),
  );
// An edit: new tags for one article (most edits), or another outlet, story or time (a full scoring).
const edit = fc.oneof(
  { weight: 4, arbitrary: fc.record({ at: fc.nat(), tags: tagList }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), source: fc.constantFrom(...OUTLETS) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), story: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), day: fc.integer({ min: 0, max: 60 }) }) },
);
// Small windows and counts, so that the window and the per-outlet rule both decide some lists.
const options = fc.record({
  count: fc.integer({ min: 0, max: 4 }),
  perSource: fc.integer({ min: 1, max: 2 }),
  window: fc.integer({ min: 2, max: 12 }),
});

describe("memoRelated", () => {
  it("after any sequence of edits, equals relatedArticles run on every row", () => {
    fc.assert(
      fc.property(inputs, fc.array(edit, { maxLength: 8 }), options, (start, edits, o) => {
        const memo: RelatedMemo = {};
        let items = start;
        expect(memoRelated(items, o, memo)).toEqual(relatedArticles(items, o));
        for (const e of edits) {
          const at = e.at % items.length;
          items = items.map((x, i) =>
            i !== at
              ? x
              : {
                  ...x,
                  ...("tags" in e ? { tags: e.tags } : {}),
                  ...("source" in e ? { source: e.source } : {}),
                  ...("story" in e ? { story: e.story } : {}),
                  ...("day" in e ? { time: T0 + e.day * DAY_MS } : {}),
                },
          );
          expect(memoRelated(items, o, memo)).toEqual(relatedArticles(items, o));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the earlier lists (the same objects) for rows the edit cannot reach", () => {
    const items: RelatedInput[] = [
      { url: "/a/", time: T0, tags: ["Rivers"] },
      { url: "/b/", time: T0, tags: ["Rivers"] },
      { url: "/c/", time: T0, tags: ["Rail"] },
      { url: "/d/", time: T0, tags: ["Rail"] },
    ];
    const memo: RelatedMemo = {};
    const before = memoRelated(items, {}, memo);
    const after = memoRelated([{ ...items[0]!, tags: ["Rivers", "Ports"] }, ...items.slice(1)], {}, memo);
    expect(after[2]).toBe(before[2]);
    expect(after[3]).toBe(before[3]);
    expect(memoRelated(items.slice(0), {}, memo)[2]).toBe(before[2]);
  });
});

describe("rowsToScore", () => {
  const a: RelatedInput = { url: "/a/", time: T0, tags: ["Rivers"] };
  const b: RelatedInput = { url: "/b/", time: T0, tags: ["Ports"] };
  const c: RelatedInput = { url: "/c/", time: T0, tags: ["rail"] };
  it.each([
    { name: "nothing changed", after: [a, b, c], want: [] },
    { name: "a tag added: the rows carrying it", after: [{ ...a, tags: ["Rivers", "Rail"] }, b, c], want: [0, 2] },
    { name: "a tag removed: the rows that carried it", after: [{ ...a, tags: [] }, b, c], want: [0] },
    { name: "a tag's case: both spellings", after: [a, b, { ...c, tags: ["Rail"] }], want: [2] },
    { name: "an article added", after: [a, b, c, { ...a, url: "/d/" }], want: undefined },
    { name: "an article renamed", after: [a, b, { ...c, url: "/e/" }], want: undefined },
    { name: "an outlet changed", after: [a, { ...b, source: "Wire" }, c], want: undefined },
    { name: "a story changed", after: [{ ...a, story: 1 }, b, c], want: undefined },
  ])("$name", ({ after, want }) => {
    const rows = rowsToScore([a, b, c], after);
    expect(rows && [...rows].sort()).toEqual(want);
  });
});
