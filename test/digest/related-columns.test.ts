// Related inputs and lists in columns (the digest cache's form): back as they were, by value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromColumns, toColumns } from "../../src/digest/related-columns.ts";
import type { RelatedInput, RelatedMatch } from "../../src/digest/related.ts";

const text = fc.constantFrom("", "Transport", "transport", "Ōstrand", "Weather", "/a/", "/b/", "Courier");
const itemArb: fc.Arbitrary<RelatedInput> = fc.record({
  url: text,
  time: fc.double({ noNaN: true }),
  tags: fc.array(text, { maxLength: 4 }),
  source: fc.option(text, { nil: undefined }),
  story: fc.option(fc.oneof(fc.nat(), fc.integer({ min: -3, max: -1 }), fc.double({ noNaN: true })), {
    nil: undefined,
  }),
});
const matchArb: fc.Arbitrary<RelatedMatch> = fc.record({
  index: fc.nat(50),
  score: fc.double({ noNaN: true }),
  sharedTags: fc.array(text, { maxLength: 3 }),
});

describe("related columns", () => {
  it("give back the items and lists they were made from", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(itemArb, fc.array(matchArb, { maxLength: 5 })), { maxLength: 20 }), (rows) => {
        const items = rows.map(([item]) => item);
        const result = rows.map(([, list]) => list);
        const back = fromColumns(toColumns(items, result));
        // Plain objects (fast-check makes them without a prototype), every field present as the digest makes them.
        expect(back.items).toStrictEqual(items.map((item) => ({ ...item, source: item.source, story: item.story })));
        expect(back.result).toStrictEqual(result.map((list) => list.map((m) => ({ ...m }))));
      }),
    );
  });

  it("keep nothing for no items, and an item with no tags and no list", () => {
    expect(fromColumns(toColumns([], []))).toEqual({ items: [], result: [] });
    const alone = { url: "/a/", time: 0, tags: [], source: undefined, story: undefined };
    expect(fromColumns(toColumns([alone], [[]]))).toStrictEqual({ items: [alone], result: [[]] });
  });
});
