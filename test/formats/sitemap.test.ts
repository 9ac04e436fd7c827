import { XMLParser } from "fast-xml-parser";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.ts";
import {
  renderRobots,
  renderSitemap,
  renderSitemapIndex,
  renderSitemaps,
  sitemapDefaults,
  type SitemapMemo,
  siteSitemaps,
  sitemapEntries,
  sitemapPaths,
} from "../../src/formats/sitemap.ts";
import { article, testSettings as settings } from "../helpers/articles.ts";
import { wellFormed } from "../helpers/xml.ts";

const site = settings.url;
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === "url" });
// biome-ignore lint/suspicious/noExplicitAny: a parsed XML tree; the assertions check its shape.
type Node = Record<string, any>;

const urlsOf = (xml: string): Node[] => parser.parse(xml).urlset.url ?? [];

describe("renderSitemap", () => {
  it.each([
    { name: "no entries", entries: [], want: [] },
    {
      name: "paths, an absolute URL, a query with & and a missing lastmod",
      entries: [
        { url: "/", lastmod: "2025-08-15T09:45:00+02:00" },
        { url: "/search/?q=a&b=<c>" },
        { url: "https://other.example/x/", lastmod: "2025-08-14T00:00:00Z" },
        { url: "/tags/são-paulo/", lastmod: "2025-08-14T00:00:00Z" },
      ],
      want: [
        { loc: `${site}/`, lastmod: "2025-08-15T09:45:00+02:00" },
        { loc: `${site}/search/?q=a&b=%3Cc%3E` },
        { loc: "https://other.example/x/", lastmod: "2025-08-14T00:00:00Z" },
        { loc: `${site}/tags/s%C3%A3o-paulo/`, lastmod: "2025-08-14T00:00:00Z" },
      ],
    },
    {
      name: "tags in other scripts, percent-encoded once",
      entries: [{ url: "/tags/東京/" }, { url: "/tags/%D0%BC/" }],
      want: [{ loc: `${site}/tags/%E6%9D%B1%E4%BA%AC/` }, { loc: `${site}/tags/%D0%BC/` }],
    },
  ])("$name", ({ entries, want }) => {
    const xml = renderSitemap(entries, site);
    expect(wellFormed(xml)).toBe(true);
    expect(parser.parse(xml).urlset["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    expect(urlsOf(xml)).toEqual(want);
  });
});

describe("renderSitemaps", () => {
  const entries = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      url: `/a/${String(i).padStart(5, "0")}/`,
      lastmod: `2025-08-${String(1 + (i % 28)).padStart(2, "0")}T00:00:00Z`,
    }));
  const indexOf = (xml: string): Node[] =>
    new XMLParser({ parseTagValue: false, isArray: (name) => name === "sitemap" }).parse(xml).sitemapindex.sitemap;

  it("keeps one sitemap.xml, byte for byte renderSitemap's, while the URLs fit", () => {
    const list = entries(5);
    expect(renderSitemaps(list, site, { maxUrls: 5 })).toEqual([
      { url: "/sitemap.xml", content: renderSitemap(list, site) },
    ]);
    expect(renderSitemaps([], site)).toEqual([{ url: "/sitemap.xml", content: renderSitemap([], site) }]);
  });

  it("past maxUrls, makes sitemap.xml an index of parts at the root, each URL in exactly one part", () => {
    const list = entries(12);
    const files = renderSitemaps(list, site, { maxUrls: 5 });
    expect(files.map((f) => f.url)).toEqual(["/sitemap.xml", "/sitemap-1.xml", "/sitemap-2.xml", "/sitemap-3.xml"]);
    for (const f of files) expect(wellFormed(f.content)).toBe(true);
    expect(indexOf(files[0]!.content).map((s) => s.loc)).toEqual([
      `${site}/sitemap-1.xml`,
      `${site}/sitemap-2.xml`,
      `${site}/sitemap-3.xml`,
    ]);
    const parts = files.slice(1).map((f) => urlsOf(f.content).map((u) => u.loc));
    expect(parts.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(parts.flat()).toEqual(list.map((e) => `${site}${e.url}`));
  });

  it("gives each part in the index its newest lastmod, compared as instants across offsets", () => {
    const files = renderSitemaps(
      [
        { url: "/a/", lastmod: "2025-08-15T09:00:00+02:00" },
        { url: "/b/", lastmod: "2025-08-15T08:00:00Z" },
        { url: "/c/" },
        { url: "/d/" },
      ],
      site,
      { maxUrls: 2 },
    );
    expect(indexOf(files[0]!.content)).toEqual([
      { loc: `${site}/sitemap-1.xml`, lastmod: "2025-08-15T08:00:00Z" },
      { loc: `${site}/sitemap-2.xml` },
    ]);
  });

  it("splits by bytes too, no part over maxBytes", () => {
    const list = entries(40);
    const one = Buffer.byteLength(renderSitemap(list.slice(0, 10), site));
    const files = renderSitemaps(list, site, { maxBytes: one });
    expect(files.length).toBe(5);
    for (const f of files.slice(1)) expect(Buffer.byteLength(f.content)).toBeLessThanOrEqual(one);
    expect(files.slice(1).flatMap((f) => urlsOf(f.content))).toHaveLength(40);
  });

  it("follows the protocol's limits by default: 50,000 URLs and 50 MiB a file", () => {
    expect(sitemapDefaults).toEqual({ maxUrls: 50_000, maxBytes: 52_428_800 });
    const files = renderSitemaps(entries(50_001), site);
    expect(files.map((f) => f.url)).toEqual(["/sitemap.xml", "/sitemap-1.xml", "/sitemap-2.xml"]);
    expect(urlsOf(files[2]!.content)).toHaveLength(1);
  });
});

describe("renderSitemapIndex", () => {
  it("is a well-formed sitemapindex in the sitemap namespace, escaping its locations", () => {
    const xml = renderSitemapIndex([{ url: "/sitemap-1.xml?a=1&b=2" }], site);
    expect(wellFormed(xml)).toBe(true);
    expect(parser.parse(xml).sitemapindex["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    expect(xml).toContain(`<loc>${site}/sitemap-1.xml?a=1&amp;b=2</loc>`);
  });
});

describe("sitemapEntries", () => {
  const at = (day: number, hour: number) => `2025-08-${day}T${String(hour).padStart(2, "0")}:00:00Z`;
  const articles = [
    article("a", at(15, 9), { tags: ["Kyiv"], source: "BBC", updated: DateTime.fromISO(at(16, 8), { setZone: true }) }),
    article("b", at(15, 7), { tags: ["Kyiv"] }),
    article("c", at(14, 7), { tags: ["Kyiv"] }),
    article("d", at(16, 1), { draft: true }),
  ];
  const entries = sitemapEntries(buildDigest({ ...settings, pageSize: 2 }, articles.slice(0, 3)));

  it("lists every page once, each with a lastmod, and parses with absolute locs", () => {
    const xml = renderSitemap(entries, site);
    expect(wellFormed(xml)).toBe(true);
    expect(urlsOf(xml).map((u) => [u.loc, u.lastmod])).toEqual([
      [`${site}/`, at(15, 9)],
      [`${site}/page/2/`, at(15, 9)],
      [`${site}/tags/kyiv/`, at(15, 9)],
      [`${site}/tags/kyiv/page/2/`, at(15, 9)],
      [`${site}/sources/bbc/`, at(15, 9)],
      [`${site}/2025/08/15/`, at(15, 9)],
      [`${site}/2025/08/14/`, at(14, 7)],
      [`${site}/tags/`, at(15, 9)],
      [`${site}/sources/`, at(15, 9)],
      [`${site}/2025/08/15/a/`, at(16, 8)],
      [`${site}/2025/08/15/b/`, at(15, 7)],
      [`${site}/2025/08/14/c/`, at(14, 7)],
    ]);
  });

  it("leaves a draft's page out", () => {
    expect(sitemapEntries(buildDigest(settings, articles)).map((e) => e.url)).not.toContain("/2025/08/16/d/");
  });

  it("gives an empty site's pages no lastmod", () => {
    expect(sitemapEntries(buildDigest(settings, []))).toEqual([{ url: "/" }, { url: "/tags/" }, { url: "/sources/" }]);
  });
});

describe("siteSitemaps", () => {
  const at = (day: number) => `2025-08-${day}T09:00:00Z`;
  const articles = [article("a", at(15), { tags: ["Kyiv"] }), article("b", at(14), { tags: ["Kyiv"] })];
  const rendered = (list: typeof articles) => {
    const digest = buildDigest(settings, list);
    return renderSitemaps(sitemapEntries(digest), site);
  };

  it("renders what renderSitemaps renders, and with a memo keeps the files while every URL and lastmod is the same", () => {
    const memo: SitemapMemo = {};
    const first = siteSitemaps(buildDigest(settings, articles), site, memo);
    expect(first).toEqual(rendered(articles));
    // A body edit: a new article object, the same URL and time.
    const edited = [{ ...articles[0]!, bodyHtml: "<p>Rewritten.</p>" }, articles[1]!];
    expect(siteSitemaps(buildDigest(settings, edited), site, memo)).toBe(first);
  });

  it.each([
    ["an update", [article("a", at(15), { tags: ["Kyiv"], updated: DateTime.fromISO(at(16)) }), article("b", at(14))]],
    ["a new article", [...articles, article("c", at(13))]],
    ["a deleted article", articles.slice(1)],
  ])("renders again after %s", (_, list) => {
    const memo: SitemapMemo = {};
    const first = siteSitemaps(buildDigest(settings, articles), site, memo);
    const next = siteSitemaps(buildDigest(settings, list), site, memo);
    expect(next).not.toBe(first);
    expect(next).toEqual(rendered(list));
  });

  it("renders again for another site URL", () => {
    const memo: SitemapMemo = {};
    siteSitemaps(buildDigest(settings, articles), site, memo);
    const moved = siteSitemaps(buildDigest(settings, articles), "https://elsewhere.example", memo);
    expect(moved[0]!.content).toContain("https://elsewhere.example/tags/kyiv/");
  });
});

describe("renderRobots", () => {
  it("lets every crawler in and names both sitemaps by absolute URL", () => {
    expect(renderRobots(site, [sitemapPaths.sitemap, sitemapPaths.news])).toMatchInlineSnapshot(`
      "User-agent: *
      Disallow:

      Sitemap: https://news.example.org/sitemap.xml
      Sitemap: https://news.example.org/news-sitemap.xml
      "
    `);
  });

  it("keeps a site folder in the sitemap URLs", () => {
    expect(renderRobots("https://example.org/news", ["/sitemap.xml"])).toContain(
      "Sitemap: https://example.org/news/sitemap.xml\n",
    );
  });
});
