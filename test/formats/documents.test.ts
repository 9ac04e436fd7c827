// Which articles each feed holds, and the site documents made from the whole digest.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.ts";
import { feedLengthDefaults } from "../../src/formats/documents.ts";
import { article, testSettings } from "../helpers/articles.ts";

const at = (i: number) => DateTime.fromISO("2025-01-01T00:00:00Z", { setZone: true }).plus({ hours: i }).toISO()!;

describe("feedFilesFor", () => {
  const many = Array.from({ length: 60 }, (_, i) =>
    article(`a${i}`, at(i), { tags: i % 2 ? ["Odd"] : ["Even"], source: "Coast FM", draft: i === 59 }),
  );
  const digest = buildDigest(testSettings, many);
  const feed = (url: string) => digest.feedFiles.find((f) => f.url === url)!.feed;

  it("gives the site's feed the newest 50 and each term's the newest 20, drafts left out", () => {
    expect(feedLengthDefaults).toEqual({ site: 50, term: 20 });
    expect(feed("/feeds/atom.xml").pages.map((p) => p.url)).toEqual(
      many
        .slice(9, 59)
        .reverse()
        .map((a) => a.url),
    );
    expect(feed("/tags/odd/feeds/rss.xml").pages).toHaveLength(20);
    expect(feed("/tags/odd/feeds/rss.xml").pages[0]!.url).toBe(many[57]!.url);
    expect(feed("/sources/coast-fm/feeds/feed.json").pages[0]!.url).toBe(many[58]!.url);
  });

  it("names each feed after the site and its term, in three formats", () => {
    expect(digest.feedFiles.map((f) => f.url).filter((u) => u.startsWith("/tags/odd/"))).toEqual([
      "/tags/odd/feeds/atom.xml",
      "/tags/odd/feeds/rss.xml",
      "/tags/odd/feeds/feed.json",
    ]);
    expect([feed("/tags/odd/feeds/atom.xml").title, feed("/sources/coast-fm/feeds/atom.xml").description]).toEqual([
      `${testSettings.title}: Odd`,
      "The newest articles from Coast FM.",
    ]);
  });
});

describe("siteDocuments", () => {
  it("writes the sitemaps and robots.txt, the news sitemap from the build's clock", () => {
    const now = DateTime.fromISO("2025-01-02T00:00:00Z", { setZone: true });
    const digest = buildDigest(
      testSettings,
      [article("old", "2024-12-01T00:00:00Z"), article("new", "2025-01-01T12:00:00Z")],
      new Map(),
      {},
      now,
    );
    expect(digest.documents.map((d) => d.url)).toEqual(["/sitemap.xml", "/news-sitemap.xml", "/robots.txt"]);
    const news = digest.documents[1]!.content;
    expect(news).toContain("/2025/01/01/new/");
    expect(news).not.toContain("/2024/12/01/old/");
  });
});
