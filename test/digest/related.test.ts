import { describe, expect, it } from "vitest";
import { nameKey } from "../../src/content/article.ts";
import { type RelatedInput, type RelatedMatch, relatedArticles, relatedDefaults } from "../../src/digest/related.ts";

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2025, 7, 15, 12, 0, 0);
const item = (url: string, day: number, tags: string[]): RelatedInput => ({ url, time: T0 + day * DAY_MS, tags });
/** Related URLs of the article with `url`, best first. */
const relatedUrls = (items: RelatedInput[], url: string, options = {}) => {
  const i = items.findIndex((x) => x.url === url);
  return relatedArticles(items, options)[i]!.map((m) => items[m.index]!.url);
};

describe("relatedArticles rankings", () => {
  it.each([
    { name: "empty input", items: [], of: null, want: [] },
    { name: "single article", items: [item("/a/", 0, ["x"])], of: "/a/", want: [] },
    { name: "article without tags", items: [item("/a/", 0, []), item("/b/", 0, ["x"])], of: "/a/", want: [] },
    { name: "no shared tags", items: [item("/a/", 0, ["x"]), item("/b/", 0, ["y"])], of: "/a/", want: [] },
    {
      name: "rarer shared tag outranks a common one",
      items: [
        item("/a/", 0, ["rare", "common"]),
        item("/rare/", -1, ["rare"]),
        item("/common/", 1, ["common"]),
        item("/c1/", 50, ["common"]),
        item("/c2/", 60, ["common"]),
      ],
      of: "/a/",
      want: ["/rare/", "/common/", "/c1/", "/c2/"],
    },
    {
      name: "closer in time outranks farther (even when older)",
      items: [item("/a/", 0, ["x"]), item("/near/", -1, ["x"]), item("/far/", 10, ["x"])],
      of: "/a/",
      want: ["/near/", "/far/"],
    },
    {
      name: "two shared tags outrank one at the same distance",
      items: [item("/a/", 0, ["x", "y"]), item("/one/", 1, ["x"]), item("/two/", -1, ["x", "y"])],
      of: "/a/",
      want: ["/two/", "/one/"],
    },
    {
      name: "equal score: newer first",
      items: [item("/a/", 0, ["x"]), item("/older/", -2, ["x"]), item("/newer/", 2, ["x"])],
      of: "/a/",
      want: ["/newer/", "/older/"],
    },
    {
      name: "equal score, same second: URL order",
      items: [item("/a/", 0, ["x"]), item("/c/", 0, ["x"]), item("/b/", 0, ["x"]), item("/d/", 0, ["x"])],
      of: "/a/",
      want: ["/b/", "/c/", "/d/"],
    },
    {
      name: "case-insensitive and Unicode-normalised tags match",
      items: [
        item("/a/", 0, ["Ukraine", "São Paulo"]),
        item("/b/", 1, ["ukraine"]),
        item("/c/", 2, ["SA\u0303O PAULO"]),
      ],
      of: "/a/",
      want: ["/b/", "/c/"],
    },
  ])("$name", ({ items, of, want }) => {
    if (of === null) expect(relatedArticles(items)).toEqual(want);
    else expect(relatedUrls(items, of)).toEqual(want);
  });
});

describe("relatedArticles options", () => {
  const many = [item("/a/", 0, ["x"]), ...Array.from({ length: 8 }, (_, k) => item(`/n${k}/`, k + 1, ["x"]))];

  it.each([
    { count: undefined, want: ["/n0/", "/n1/", "/n2/", "/n3/", "/n4/"] },
    { count: 1, want: ["/n0/"] },
    { count: 3, want: ["/n0/", "/n1/", "/n2/"] },
    { count: 20, want: ["/n0/", "/n1/", "/n2/", "/n3/", "/n4/", "/n5/", "/n6/", "/n7/"] },
  ])("count $count", ({ count, want }) => {
    expect(relatedUrls(many, "/a/", count === undefined ? {} : { count })).toEqual(want);
    expect(relatedDefaults.count).toBe(5);
  });

  it("count 0 gives every article an empty list", () => {
    expect(relatedArticles(many, { count: 0 })).toEqual(many.map(() => []));
  });

  it.each([
    { timeScaleDays: 30, days: 30, factor: 1 / 2 },
    { timeScaleDays: 30, days: 0, factor: 1 },
    { timeScaleDays: 10, days: 30, factor: 1 / 4 },
  ])("score is idf / (1 + days/$timeScaleDays) at $days days", ({ timeScaleDays, days, factor }) => {
    const [a] = relatedArticles([item("/a/", 0, ["x"]), item("/b/", days, ["x"]), item("/c/", 0, ["y"])], {
      timeScaleDays,
    });
    expect(a![0]!.score).toBeCloseTo(Math.log(1 + 3 / 2) * factor, 12);
  });
});

describe("relatedArticles matches", () => {
  it("gives sharedTags in the candidate's spelling and order", () => {
    const items = [item("/a/", 0, ["Ukraine", "NATO", "Kyiv"]), item("/b/", 1, ["kyiv", "Other", "UKRAINE"])];
    const [a, b] = relatedArticles(items);
    expect(a).toEqual([{ index: 1, score: expect.any(Number), sharedTags: ["kyiv", "UKRAINE"] }]);
    expect(b).toEqual([{ index: 0, score: expect.any(Number), sharedTags: ["Ukraine", "Kyiv"] }]);
  });

  it("never lists an article under itself, even with repeated tags", () => {
    const items = [item("/a/", 0, ["x", "X", "x"]), item("/b/", 0, ["x"]), item("/c/", 3, ["x", "y"])];
    relatedArticles(items).forEach((list, i) => {
      expect(list.map((m) => m.index)).not.toContain(i);
    });
    expect(relatedArticles(items)[0]!.map((m) => m.index)).toEqual([1, 2]);
  });

  it("is deterministic and independent of input order", () => {
    const items = [
      item("/a/", 0, ["x", "y"]),
      item("/b/", 0, ["x"]),
      item("/c/", 0, ["y"]),
      item("/d/", 5, ["x", "y"]),
    ];
    expect(relatedArticles(items)).toEqual(relatedArticles(items));
    const reversed = [...items].reverse();
    const byUrl = (list: RelatedInput[]) =>
      Object.fromEntries(relatedArticles(list).map((ms, i) => [list[i]!.url, ms.map((m) => list[m.index]!.url)]));
    expect(byUrl(reversed)).toEqual(byUrl(items));
  });
});

// A tiny seeded PRNG (mulberry32), so the random articles are the same on every run.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The formula of src/digest/related.ts, by brute force over every pair: same-story items are left
 * out, then the ranking is walked and an outlet's item past its `perSource`th is skipped.
 */
function reference(
  items: readonly RelatedInput[],
  count: number,
  timeScaleDays: number,
  perSource = Number.POSITIVE_INFINITY,
): RelatedMatch[][] {
  const keys = items.map((x) => [...new Set(x.tags.map(nameKey))]);
  const df = new Map<string, number>();
  for (const list of keys) for (const key of list) df.set(key, (df.get(key) ?? 0) + 1);
  return items.map((a, i) => {
    const found: RelatedMatch[] = [];
    items.forEach((c, j) => {
      const shared = keys[i]!.filter((key) => keys[j]!.includes(key));
      if (j === i || shared.length === 0) return;
      if (a.story !== undefined && c.story === a.story) return;
      let score = 0;
      for (const key of shared)
        score += Math.log(1 + items.length / df.get(key)!) / (1 + Math.abs(a.time - c.time) / DAY_MS / timeScaleDays);
      found.push({ index: j, score, sharedTags: c.tags.filter((t) => keys[i]!.includes(nameKey(t))) });
    });
    found.sort(
      (x, y) =>
        y.score - x.score ||
        items[y.index]!.time - items[x.index]!.time ||
        (items[x.index]!.url < items[y.index]!.url ? -1 : 1),
    );
    const perOutlet = new Map<string, number>();
    return found
      .filter((m) => {
        const source = items[m.index]!.source;
        if (source === undefined) return true;
        const n = (perOutlet.get(nameKey(source)) ?? 0) + 1;
        perOutlet.set(nameKey(source), n);
        return n <= perSource;
      })
      .slice(0, count);
  });
}

describe("relatedArticles against a brute-force reference", () => {
  const random = prng(20250815);
  const pool = Array.from({ length: 30 }, (_, k) => `Tag ${k}`);
  const items: RelatedInput[] = Array.from({ length: 300 }, (_, n) => {
    const tagCount = Math.floor(random() * 5);
    // Squaring skews the pick so low-numbered tags are common and high-numbered ones rare.
    const tags = Array.from({ length: tagCount }, () => pool[Math.floor(random() ** 2 * pool.length)]!);
    const spelled = tags.map((t) => (random() < 0.3 ? t.toUpperCase() : t));
    // Whole hours over a year, so some articles share a second.
    const time = T0 + Math.floor(random() * 365 * 24) * 3_600_000;
    return { url: `/a/${String(n).padStart(3, "0")}/`, time, tags: spelled };
  });

  it.each([
    { count: 5, timeScaleDays: 30 },
    { count: 1, timeScaleDays: 30 },
    { count: 12, timeScaleDays: 7 },
  ])(
    "gives exactly the reference's result for 300 articles, count $count, scale $timeScaleDays",
    ({ count, timeScaleDays }) => {
      const got = relatedArticles(items, { count, timeScaleDays, window: 2 * items.length + 1, perSource: Infinity });
      const want = reference(items, count, timeScaleDays);
      expect(want.some((list) => list.length === count)).toBe(true);
      expect(want.some((list) => list.length === 0)).toBe(true);
      expect(got).toEqual(want);
    },
  );
});

describe("relatedArticles across outlets and stories, against the brute-force reference", () => {
  const random = prng(20261130);
  const pool = Array.from({ length: 12 }, (_, k) => `Tag ${k}`);
  const outlets = ["Courier", "Ledger", "Times", "Post", "Lantern"];
  const items: RelatedInput[] = Array.from({ length: 300 }, (_, n) => {
    const tags = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pool[Math.floor(random() ** 2 * 12)]!);
    const time = T0 + Math.floor(random() * 60 * 24) * 3_600_000;
    // A few outlets (one written in capitals sometimes), some items without one; stories of 2-4 items.
    const pick = Math.floor(random() * 6);
    const source = pick === 5 ? undefined : random() < 0.2 ? outlets[pick]!.toUpperCase() : outlets[pick];
    const story = random() < 0.4 ? Math.floor(random() * 40) : undefined;
    return { url: `/s/${String(n).padStart(3, "0")}/`, time, tags, source, story };
  });

  it.each([
    { count: 5, perSource: 2 },
    { count: 5, perSource: 1 },
    { count: 8, perSource: 3 },
  ])("gives exactly the reference's result, count $count, at most $perSource per outlet", ({ count, perSource }) => {
    const got = relatedArticles(items, { count, perSource, window: 2 * items.length + 1 });
    const want = reference(items, count, 30, perSource);
    // The rules must bite: without them some list would differ.
    expect(reference(items, count, 30)).not.toEqual(want);
    expect(got).toEqual(want);
  });

  it("never relates two items of one story, nor lists an outlet more than perSource times", () => {
    const lists = relatedArticles(items);
    lists.forEach((list, i) => {
      for (const m of list) if (items[i]!.story !== undefined) expect(items[m.index]!.story).not.toBe(items[i]!.story);
      const counts = new Map<string, number>();
      for (const m of list) {
        const key = items[m.index]!.source?.toLowerCase();
        if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      for (const n of counts.values()) expect(n).toBeLessThanOrEqual(relatedDefaults.perSource);
    });
  });
});
