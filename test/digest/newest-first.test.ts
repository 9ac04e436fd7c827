// The order of every listing: newest first, the same millisecond in URL order, as byNewest gives it.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article.ts";
import { byNewest, newestFirst } from "../../src/digest/newest-first.ts";

/** Just what the order reads of an article. */
const item = (url: string, iso: string) => ({ url, date: DateTime.fromISO(iso, { zone: "utc" }) }) as Article;

describe("newestFirst", () => {
  it("puts the newest first, and articles of the same millisecond in URL order whatever their place", () => {
    const list = [
      item("/b/", "2025-08-15T10:00:00Z"),
      item("/z/", "2025-08-16T09:00:00Z"),
      item("/a/", "2025-08-15T10:00:00Z"),
      item("/old/", "1999-01-01T00:00:00Z"),
      item("/c/", "2025-08-15T10:00:00.001Z"),
    ];
    expect(newestFirst(list).map((a) => a.url)).toEqual(["/z/", "/c/", "/a/", "/b/", "/old/"]);
    expect(newestFirst([])).toEqual([]);
  });

  it("gives byNewest's order on large lists with many equal times, leaving its input as it was", () => {
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const start = Date.parse("2016-01-01T00:00:00Z");
    const list = Array.from({ length: 5000 }, (_, i) =>
      // Minutes over ten years and a few hundred minutes only: both with and without ties.
      item(
        `/x-${Math.floor(random() * 1e6)}-${i}/`,
        new Date(start + Math.floor(random() * (i % 2 ? 300 : 5e6)) * 60_000).toISOString(),
      ),
    );
    const before = [...list];
    expect(newestFirst(list)).toEqual([...list].sort(byNewest));
    expect(list).toEqual(before);
  });
});
