// The news sitemap: which articles it lists, its XML, and the language code Google News expects.
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.ts";
import { newsItems, newsLanguage, renderNewsSitemap } from "../../src/formats/news-sitemap.ts";
import type { SitemapMemo } from "../../src/formats/sitemap.ts";
import { article, testSettings as settings } from "../helpers/articles.ts";
import { wellFormed } from "../helpers/xml.ts";

const site = settings.url;
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === "url" });
// biome-ignore lint/suspicious/noExplicitAny: a parsed XML tree; the assertions check its shape.
type Node = Record<string, any>;

const urlsOf = (xml: string): Node[] => parser.parse(xml).urlset.url ?? [];

describe("newsItems with a memo", () => {
  const at = (day: number) => `2025-08-${day}T09:00:00Z`;
  const articles = [article("a", at(15), { tags: ["Kyiv"] }), article("b", at(14), { tags: ["Kyiv"] })];

  it("keeps each time stamp's instant for the news sitemap, and chooses the same items", () => {
    const now = new Date("2025-08-15T12:00:00Z");
    const digest = buildDigest(settings, articles);
    const memo: SitemapMemo = {};
    expect(newsItems(digest.articlePages, now, {}, memo)).toEqual(newsItems(digest.articlePages, now));
    expect(memo.times?.get(digest.articlePages[0]!.teaser.published)).toBe(Date.parse(at(15)));
  });
});

describe("newsItems", () => {
  const now = new Date("2025-08-17T12:00:00Z");
  const pages = buildDigest(settings, [
    article("future", "2025-08-17T12:00:01Z"),
    article("now", "2025-08-17T12:00:00Z"),
    article("hour-ago", "2025-08-17T11:00:00Z"),
    article("draft", "2025-08-17T10:00:00Z", { draft: true }),
    article("zoned-inside", "2025-08-15T14:00:01+02:00"),
    article("zoned-edge", "2025-08-15T14:00:00+02:00"),
    article("edge", "2025-08-15T12:00:00Z"),
    article("old", "2025-08-10T12:00:00Z"),
  ]).articlePages;
  const slugs = (list: { url: string }[]) => list.map((i) => i.url.split("/")[4]);

  it.each([
    {
      name: "default window: after now − 48 h, up to now; exactly 48 h old is out",
      options: {},
      want: ["now", "hour-ago", "zoned-inside"],
    },
    { name: "a limit keeps the newest", options: { limit: 2 }, want: ["now", "hour-ago"] },
    { name: "a limit of zero", options: { limit: 0 }, want: [] },
    {
      name: "a one-hour window leaves out the article exactly one hour old",
      options: { windowHours: 1 },
      want: ["now"],
    },
  ])("$name", ({ options, want }) => {
    expect(slugs(newsItems(pages, now, options))).toEqual(want);
  });

  it("gives paths, titles and publication times with their offsets", () => {
    expect(newsItems(pages, now)[2]).toEqual({
      url: "/2025/08/15/zoned-inside/",
      title: "Title zoned-inside",
      published: "2025-08-15T14:00:01+02:00",
    });
  });

  it("caps at 1,000 by default", () => {
    const many = Array.from({ length: 1005 }, (_, i) =>
      article(`n${i}`, new Date(now.getTime() - i * 60_000).toISOString()),
    );
    expect(newsItems(buildDigest(settings, many).articlePages, now)).toHaveLength(1000);
  });

  it("is empty for no pages", () => {
    expect(newsItems([], now)).toEqual([]);
  });
});

describe("renderNewsSitemap", () => {
  const title = `Ben & Jerry's <script>alert("x")</script> ☕`;
  const xml = renderNewsSitemap(
    [{ url: "/2025/08/17/a/", title, published: "2025-08-17T13:00:00+01:00" }],
    { name: "The Broadsheet & Co", language: "en" },
    site,
  );

  it("parses, with both namespaces, an absolute loc and the escaped title read back exactly", () => {
    expect(wellFormed(xml)).toBe(true);
    const { urlset } = parser.parse(xml);
    expect([urlset["@_xmlns"], urlset["@_xmlns:news"]]).toEqual([
      "http://www.sitemaps.org/schemas/sitemap/0.9",
      "http://www.google.com/schemas/sitemap-news/0.9",
    ]);
    expect(urlset.url).toEqual([
      {
        loc: `${site}/2025/08/17/a/`,
        "news:news": {
          "news:publication": { "news:name": "The Broadsheet & Co", "news:language": "en" },
          "news:publication_date": "2025-08-17T13:00:00+01:00",
          "news:title": title,
        },
      },
    ]);
  });

  it("is an empty urlset without items", () => {
    const empty = renderNewsSitemap([], { name: "x", language: "en" }, site);
    expect(wellFormed(empty)).toBe(true);
    expect(urlsOf(empty)).toEqual([]);
  });
});

describe("newsLanguage", () => {
  it.each([
    { language: "en", want: "en" },
    { language: "en-GB", want: "en" },
    { language: "pt-BR", want: "pt" },
    { language: "zh", want: "zh-cn" },
    { language: "zh-Hans-CN", want: "zh-cn" },
    { language: "zh-TW", want: "zh-tw" },
    { language: "zh-HK", want: "zh-tw" },
  ])("$language -> $want", ({ language, want }) => {
    expect(newsLanguage(language)).toBe(want);
  });
});
