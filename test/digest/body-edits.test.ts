// The dev server follows a body edit from its last digest: only the edited page and the feeds that
// show it are made again, and after any sequence of edits and clock moves the digest, documents and
// page keys equal a clean build's.
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article.ts";
import { bodyEdits, bodyOnly } from "../../src/digest/body-edits.ts";
import { buildDigest, type DigestMemo } from "../../src/digest/digest.ts";
import { type KeyMemo, pageKeys } from "../../src/digest/page-keys.ts";
import type { Digest, Image } from "../../src/digest/view-model.ts";
import { article, testSettings } from "../helpers/articles.ts";
import { applyEdit, editArb } from "../helpers/edits.ts";

const settings = { ...testSettings, pageSize: 2 };
const now = DateTime.fromISO("2025-08-17T12:00:00Z");
const pages = ({ context: _, ...rest }: Digest) => rest;

const site = (): Article[] => [
  article("a0", "2025-08-10T10:00:00Z", { tags: ["Cats"], source: "Harbour Herald" }),
  article("a1", "2025-08-12T10:00:00Z", { tags: ["Ferries"], source: "Tarnside Gazette", story: "kiln-fire" }),
  article("target", "2025-08-15T09:00:00Z", { tags: ["Kilns"], source: "Tarnside Gazette", story: "kiln-fire" }),
  article("a2", "2025-08-16T10:00:00Z", { tags: ["Kilns", "Cats"], source: "Harbour Herald" }),
  article("a3", "2025-08-17T08:00:00Z", { tags: ["Cats"], expires: DateTime.fromISO("2025-08-17T18:00:00Z") }),
];
const card = (a: Article): Image => ({ url: `/media/cards/${a.slug}.png`, alt: "", width: 1200, height: 630 });
const cardsOf = (list: readonly Article[]) => new Map(list.map((a) => [a, card(a)]));
const rewrite = (a: Article, n = 1): Article => ({
  ...a,
  bodyHtml: `<p>${a.slug}</p><p>Rewritten ${n}.</p>`,
  bodyKey: `k${n}`,
});

describe("a followed body edit", () => {
  it("makes the edited page and the feeds that show it again, keeps every other page, and equals a clean build", () => {
    const memo: DigestMemo = {};
    const keyMemo: KeyMemo = {};
    const articles = site();
    const first = buildDigest(settings, articles, undefined, memo, now, cardsOf(articles));
    const before = pageKeys(first, "v1", keyMemo);
    const edited = articles.map((a) => (a.slug === "target" ? rewrite(a) : a));
    const second = buildDigest(settings, edited, undefined, memo, now, cardsOf(edited));
    // No whole pass: the listings, days, stories and indexes are the last build's very lists.
    for (const kind of ["homePages", "dayPages", "tagPages", "sourcePages", "storyPages", "indexPages"] as const)
      expect(second[kind], kind).toBe(first[kind]);
    const remade = second.articlePages.filter((p, i) => p !== first.articlePages[i]).map((p) => p.url);
    expect(remade).toEqual(["/2025/08/15/target/"]);
    expect(pages(second)).toEqual(pages(buildDigest(settings, edited, undefined, undefined, now, cardsOf(edited))));
    // The page and the site's feeds (whole articles) change; the tag, source and story feeds show summaries.
    const after = pageKeys(second, "v1", keyMemo);
    expect([...after].filter(([url, key]) => before.get(url) !== key).map(([url]) => url)).toEqual([
      "/2025/08/15/target/",
      "/feeds/atom.xml",
      "/feeds/rss.xml",
      "/feeds/feed.json",
    ]);
    expect(after).toEqual(pageKeys(buildDigest(settings, edited, undefined, undefined, now, cardsOf(edited)), "v1"));
  });

  it("tells a body edit from every other change", () => {
    const articles = site();
    const memo: DigestMemo = {};
    buildDigest(settings, articles, undefined, memo, now, cardsOf(articles));
    const last = memo.last;
    const key = JSON.stringify(settings);
    const at = (list: Article[], change: (a: Article) => Article) =>
      list.map((a) => (a.slug === "target" ? change(a) : a));
    const edited = at(articles, rewrite);
    expect([...(bodyEdits(last, key, edited, new Map(), cardsOf(edited), now)?.keys() ?? [])]).toEqual([2]);
    expect(bodyEdits(last, key, [...articles], new Map(), cardsOf(articles), now)?.size).toBe(0);
    const others: [string, Article[], Map<Article, Image>?, DateTime?, string?][] = [
      ["a headline", at(articles, (a) => ({ ...rewrite(a), title: "New" }))],
      [
        "the first paragraph (story detection reads it)",
        at(articles, (a) => ({ ...rewrite(a), firstParagraph: "New" })),
      ],
      ["a summary", at(articles, (a) => ({ ...a, summary: "New" }))],
      ["a tag", at(articles, (a) => ({ ...a, tags: ["Kilns", "Cats"] }))],
      ["a correction", at(articles, (a) => ({ ...a, corrections: [{ date: now, text: "Fixed." }] }))],
      ["the time", at(articles, (a) => ({ ...a, date: a.date.plus({ minutes: 1 }) }))],
      ["a field the digest may come to read", at(articles, (a) => ({ ...a, extra: 1 }) as Article)],
      ["a new article", [...articles, article("new", "2025-08-16T12:00:00Z")]],
      ["a deleted article", articles.slice(1)],
      ["the order of the files", [...articles].reverse()],
      ["a card", edited, new Map(edited.map((a) => [a, { ...card(a), height: 600 }]))],
      ["the clock past an expiry", edited, undefined, now.plus({ hours: 7 })],
      ["the settings", edited, undefined, undefined, JSON.stringify({ ...settings, pageSize: 3 })],
    ];
    for (const [what, list, cards, clock, settingsKey] of others)
      expect(
        bodyEdits(last, settingsKey ?? key, list, new Map(), cards ?? cardsOf(list), clock ?? now),
        what,
      ).toBeUndefined();
    // A lead image too, by value: the loader makes each image's object anew.
    const image: Image = { url: "/media/a.jpg", alt: "A kiln.", width: 800, height: 600 };
    expect(
      bodyEdits(last, key, edited, new Map([[edited[2] as Article, image]]), cardsOf(edited), now),
    ).toBeUndefined();
  });

  it("compares dates by instant and zone, lists and records by value", () => {
    const [a] = site() as [Article];
    const copy = (x: Article): Article => JSON.parse(JSON.stringify({ ...x, date: undefined })) as Article;
    expect(bodyOnly(a, { ...copy(a), date: DateTime.fromISO(a.date.toISO() ?? "", { setZone: true }) })).toBe(true);
    expect(bodyOnly(a, { ...a, date: a.date.setZone("Europe/Oslo") })).toBe(false);
    expect(bodyOnly(a, { ...a, tags: [...a.tags] })).toBe(true);
    expect(bodyOnly(a, { ...a, story: { id: "x" } as never })).toBe(false);
  });

  it("after any sequence of edits and clock moves, gives the digest, documents and keys of a clean build", () => {
    const bodyArb = fc.record({
      hour: fc.integer({ min: 0, max: 120 }),
      tag: fc.constantFrom("Cats", "Kilns", "Ferries"),
    });
    type Report = { hour: number; tag: string };
    const edits = fc.oneof(
      { weight: 3, arbitrary: editArb(bodyArb, fc.uniqueArray(fc.constantFrom("Cats", "Kilns"), { maxLength: 2 })) },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("clock" as const), hours: fc.integer({ min: 1, max: 30 }) }),
      },
    );
    fc.assert(
      fc.property(fc.array(edits, { minLength: 1, maxLength: 12 }), (steps) => {
        let n = 0;
        const fresh = (r: Report) =>
          article(`n${n++}`, DateTime.fromISO("2025-08-12T00:00:00Z").plus({ hours: r.hour }).toISO() ?? "", {
            tags: [r.tag],
            source: r.hour % 2 === 0 ? "Harbour Herald" : "Tarnside Gazette",
            ...(r.hour % 3 === 0 ? { story: "kiln-fire" } : {}),
            ...(r.hour % 5 === 0 ? { expires: DateTime.fromISO("2025-08-18T00:00:00Z") } : {}),
          });
        const memo: DigestMemo = {};
        const keyMemo: KeyMemo = {};
        let list = site();
        let clock = now;
        buildDigest(settings, list, undefined, memo, clock, cardsOf(list));
        for (const step of steps) {
          if ("hours" in step) clock = clock.plus({ hours: step.hours });
          else list = applyEdit(list, step as never, fresh);
          // Some body edits rewrite a body the cache knows (bodyKey); applyEdit's keep the key.
          if (step.kind === "body") list = list.map((a, i) => (i === step.at % list.length ? rewrite(a, n++) : a));
          const kept = buildDigest(settings, list, undefined, memo, clock, cardsOf(list));
          const clean = buildDigest(settings, list, undefined, undefined, clock, cardsOf(list));
          expect(pages(kept)).toEqual(pages(clean));
          expect(pageKeys(kept, "v1", keyMemo)).toEqual(pageKeys(clean, "v1"));
        }
      }),
      { numRuns: 150 },
    );
  });
});
