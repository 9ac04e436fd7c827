// Integration: a production build writes the feeds of the site, of each tag and of each source, links
// them from every page's head, and writes sitemap.xml and robots.txt.
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../.eleventy.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";
import { wellFormed } from "../helpers/xml.ts";

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

type Site = Awaited<ReturnType<typeof makeSite>>;
// biome-ignore lint/suspicious/noExplicitAny: a parsed XML tree; the assertions check its shape.
type Node = Record<string, any>;

const BASE = fixtureSettings.url;
const articles = {
  "harbour.md": articleFile({
    title: "Harbour reopens",
    date: "2025-08-14T09:00:00Z",
    tags: ["Climate"],
    source: "Coast FM",
  }),
  "council.md": articleFile({ title: "Council votes on the budget", date: "2025-08-15T09:00:00Z", tags: ["Town"] }),
  "storm.md": articleFile(
    {
      title: "Storm closes the coast road",
      date: "2025-08-16T09:00:00Z",
      tags: ["Climate", "Town"],
      source: "Coast FM",
    },
    "See [all tags](/tags/).",
  ),
  "market.md": articleFile({ title: "Market opens on Sunday", date: "2025-08-17T09:00:00Z", tags: ["Town"] }),
  "draft.md": articleFile({
    title: "An unfinished draft",
    date: "2025-08-17T10:00:00Z",
    tags: ["Climate"],
    source: "Coast FM",
    draft: true,
  }),
  // Expired long before any run of this test: its page stays, but it leaves every listing and feed.
  "heatwave.md": articleFile({
    title: "Heatwave warning",
    date: "2025-08-16T12:00:00Z",
    expires: "2025-08-20T00:00:00Z",
    tags: ["Climate"],
    source: "Coast FM",
  }),
};
const url = (base: string, day: string, slug: string) => `${base}/2025/08/${day}/${slug}/`;

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ["entry", "item", "link", "url"].includes(name),
});
const FORMATS = [
  { file: "atom.xml", type: "application/atom+xml", label: "Atom" },
  { file: "rss.xml", type: "application/rss+xml", label: "RSS" },
  { file: "feed.json", type: "application/feed+json", label: "JSON Feed" },
];

/** The entry links of the three feed files in `dir`, each in the order the file lists them. */
async function entryLinks(site: Site, dir: string): Promise<Record<"atom" | "rss" | "json", string[]>> {
  const atom: Node = parser.parse(await site.page(`${dir}atom.xml`)).feed;
  const rss: Node = parser.parse(await site.page(`${dir}rss.xml`)).rss.channel;
  const json: Node = JSON.parse(await site.page(`${dir}feed.json`));
  return {
    atom: (atom.entry ?? []).map((e: Node) => e.link[0]["@_href"]),
    rss: (rss.item ?? []).map((i: Node) => i.link[0]),
    json: json.items.map((i: Node) => i.url),
  };
}
const inEveryFormat = (links: string[]) => ({ atom: links, rss: links, json: links });

/** The `<link rel="alternate">` tags of a page's head. */
function alternates(html: string): { type: string; title: string; href: string }[] {
  const head = html.slice(0, html.indexOf("</head>"));
  return [...head.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">/g)].map(
    ([, type, title, href]) => ({ type: type!, title: title!, href: href! }),
  );
}
/** The three autodiscovery links of a feed folder. */
const discovery = (title: string, dir: string) =>
  FORMATS.map((f) => ({ type: f.type, title: `${title} (${f.label})`, href: `${dir}${f.file}` }));

/** The absolute URL of every HTML page but 404.html and the search page, from the output files. */
const pageUrls = (files: string[], base: string) =>
  files
    .filter((p) => p.endsWith("index.html") && p !== "search/index.html")
    .map((p) => `${base}/${p.replace(/index\.html$/, "")}`);
const sitemapLocs = (xml: string): string[] => (parser.parse(xml).urlset.url ?? []).map((u: Node) => u.loc);

let site: Site;
let files: Map<string, Buffer>;
beforeAll(async () => {
  site = await makeSite(articles);
  await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
  files = await readTree(site.output);
});
afterAll(async () => site.remove());

describe("feeds", () => {
  it("lists the site's newest articles, newest first, with absolute links, in all three formats", async () => {
    expect(await entryLinks(site, "/feeds/")).toEqual(
      inEveryFormat([
        url(BASE, "17", "market"),
        url(BASE, "16", "storm"),
        url(BASE, "15", "council"),
        url(BASE, "14", "harbour"),
      ]),
    );
    const atom: Node = parser.parse(await site.page("/feeds/atom.xml")).feed;
    expect(atom.link.find((l: Node) => l["@_rel"] === "self")?.["@_href"]).toBe(`${BASE}/feeds/atom.xml`);
    expect(JSON.parse(await site.page("/feeds/feed.json")).feed_url).toBe(`${BASE}/feeds/feed.json`);
    // Links in an entry's content are absolute too: a reader has no page to resolve them against.
    expect(await site.page("/feeds/atom.xml")).toContain(`href="${BASE}/tags/"`);
    // A tag's feed carries summaries: the storm's body (its link to /tags/) is only in the site's feed.
    expect(await site.page("/tags/climate/feeds/atom.xml")).not.toContain(`href="${BASE}/tags/"`);
  });

  it("lists only a tag's or a source's own articles in its feeds", async () => {
    expect(await entryLinks(site, "/tags/climate/feeds/")).toEqual(
      inEveryFormat([url(BASE, "16", "storm"), url(BASE, "14", "harbour")]),
    );
    expect(await entryLinks(site, "/tags/town/feeds/")).toEqual(
      inEveryFormat([url(BASE, "17", "market"), url(BASE, "16", "storm"), url(BASE, "15", "council")]),
    );
    expect(await entryLinks(site, "/sources/coast-fm/feeds/")).toEqual(
      inEveryFormat([url(BASE, "16", "storm"), url(BASE, "14", "harbour")]),
    );
  });

  it("writes feed files for the site, each tag and each source, and no others", () => {
    const feedFiles = [...files.keys()].filter((p) => /(^|\/)feeds\//.test(p));
    const dirs = ["feeds/", "sources/coast-fm/feeds/", "tags/climate/feeds/", "tags/town/feeds/"];
    expect(feedFiles).toEqual(dirs.flatMap((dir) => FORMATS.map((f) => `${dir}${f.file}`).sort()));
  });

  it("never lists a draft (left out of a production build) or an expired article", async () => {
    expect(files.has("2025/08/17/draft/index.html")).toBe(false);
    // The expired article keeps its page, out of every feed.
    expect(files.has("2025/08/16/heatwave/index.html")).toBe(true);
    for (const [path, bytes] of files) {
      const text = bytes.toString("utf8");
      expect(text, path).not.toContain("An unfinished draft");
      if (/(^|\/)feeds\//.test(path)) expect(text, path).not.toMatch(/Heatwave warning|\/heatwave\//);
    }
  });
});

describe("autodiscovery", () => {
  it("links the site's three feeds from every page's head, and a tag's or source's page also its own", () => {
    const pages = [...files.keys()].filter((p) => p.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(15);
    for (const path of pages) {
      const own = /^((?:tags|sources)\/[^/]+\/)(?:page\/\d+\/)?index\.html$/.exec(path);
      const links = alternates(files.get(path)!.toString("utf8"));
      const expected = discovery("Fixture Digest", "/feeds/");
      expect(links.slice(0, 3), path).toEqual(expected);
      expect(links.length, path).toBe(own ? 6 : 3);
      // Every linked feed is a file of the output.
      for (const { href } of links) expect(files.has(href.slice(1)), `${path}: ${href}`).toBe(true);
      if (own)
        expect(
          links.slice(3).map((l) => l.href),
          path,
        ).toEqual(FORMATS.map((f) => `/${own[1]}feeds/${f.file}`));
    }
  });

  it("names a tag page's own feeds after the tag", async () => {
    expect(alternates(await site.page("/tags/climate/"))).toEqual([
      ...discovery("Fixture Digest", "/feeds/"),
      ...discovery("Fixture Digest: Climate", "/tags/climate/feeds/"),
    ]);
  });
});

describe("site documents", () => {
  it("lists every HTML page but 404.html and the search page exactly once in sitemap.xml, with absolute URLs", async () => {
    const locs = sitemapLocs(await site.page("/sitemap.xml"));
    expect([...locs].sort()).toEqual(pageUrls([...files.keys()], BASE).sort());
    expect(locs).toContain(url(BASE, "16", "heatwave"));
  });

  it("names both sitemaps in robots.txt", async () => {
    expect(await site.page("/robots.txt")).toBe(
      `User-agent: *\nDisallow:\n\nSitemap: ${BASE}/sitemap.xml\nSitemap: ${BASE}/news-sitemap.xml\n`,
    );
    expect(parser.parse(await site.page("/news-sitemap.xml")).urlset).toBeDefined();
  });
});

describe("feeds and sitemaps under a path prefix", () => {
  it("put the prefix in feed links, autodiscovery links, sitemap locations and robots.txt", async () => {
    const prefixed = await makeSite(
      {
        "a.md": articleFile({ title: "A", date: "2025-08-15T09:00:00Z", tags: ["One"] }),
        "b.md": articleFile({ title: "B", date: "2025-08-16T09:00:00Z", tags: ["One"] }),
      },
      { ...fixtureSettings, url: "https://user.example.io", pathPrefix: "/news/" },
    );
    try {
      await build({ input: prefixed.content, output: prefixed.output, cacheDir: join(prefixed.root, ".cache") });
      const base = "https://user.example.io/news";
      expect(await entryLinks(prefixed, "/feeds/")).toEqual(
        inEveryFormat([url(base, "16", "b"), url(base, "15", "a")]),
      );
      expect(await entryLinks(prefixed, "/tags/one/feeds/")).toEqual(
        inEveryFormat([url(base, "16", "b"), url(base, "15", "a")]),
      );
      const atom: Node = parser.parse(await prefixed.page("/feeds/atom.xml")).feed;
      expect(atom.link.find((l: Node) => l["@_rel"] === "self")?.["@_href"]).toBe(`${base}/feeds/atom.xml`);
      expect(alternates(await prefixed.page("/")).map((l) => l.href)).toEqual(
        FORMATS.map((f) => `/news/feeds/${f.file}`),
      );
      expect(
        alternates(await prefixed.page("/tags/one/"))
          .map((l) => l.href)
          .slice(3),
      ).toEqual(FORMATS.map((f) => `/news/tags/one/feeds/${f.file}`));
      const out = [...(await readTree(prefixed.output)).keys()];
      expect(sitemapLocs(await prefixed.page("/sitemap.xml")).sort()).toEqual(pageUrls(out, base).sort());
      expect(await prefixed.page("/robots.txt")).toContain(
        `Sitemap: ${base}/sitemap.xml\nSitemap: ${base}/news-sitemap.xml\n`,
      );
    } finally {
      await prefixed.remove();
    }
  });
});

describe("images in feeds", () => {
  it("give each entry its lead image, or its social card, as a published file, in every format, under a path prefix", async () => {
    const sharp = (await import("sharp")).default;
    const photo = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#369" } })
      .png()
      .toBuffer();
    const pictured = await makeSite(
      {
        "photo.md": articleFile({
          title: "Photo & caption",
          date: "2025-08-15T09:00:00Z",
          image: "./photo.png",
          imageAlt: "A blue field",
        }),
        "photo.png": photo,
        "plain.md": articleFile({ title: "Plain", date: "2025-08-16T09:00:00Z" }),
      },
      {
        ...fixtureSettings,
        url: "https://user.example.io",
        pathPrefix: "/news/",
        socialCards: true,
        images: { widths: [40, 80] },
      },
    );
    try {
      await build({ input: pictured.content, output: pictured.output, cacheDir: join(pictured.root, ".cache") });
      const base = "https://user.example.io/news";
      const out = await readTree(pictured.output);
      for (const [path, bytes] of out) {
        if (/(^|\/)feeds\/.*\.xml$/.test(path)) expect(wellFormed(bytes.toString("utf8")), path).toBe(true);
      }
      // What the article pages show: the lead image's fallback <img>, and the og:image card.
      const lead = /<img [^>]*src="\/news(\/media\/[^"]+)"/.exec(await pictured.page("/2025/08/15/photo/"))?.[1];
      const card = /property="og:image" content="([^"]+)"/.exec(await pictured.page("/2025/08/16/plain/"))?.[1];
      expect([card, lead]).not.toContain(undefined);
      const want = [card!, `${base}${lead}`];
      expect(want.every((u) => u.startsWith(`${base}/media/`))).toBe(true);
      const atom: Node = parser.parse(await pictured.page("/feeds/atom.xml")).feed;
      const rss: Node = parser.parse(await pictured.page("/feeds/rss.xml")).rss.channel;
      const json: Node = JSON.parse(await pictured.page("/feeds/feed.json"));
      expect({
        atom: atom.entry.map((e: Node) => e.link.find((l: Node) => l["@_rel"] === "enclosure")?.["@_href"]),
        rss: rss.item.map((i: Node) => i["media:content"]?.["@_url"]),
        json: json.items.map((i: Node) => i.image),
      }).toEqual(inEveryFormat(want));
      // Each is a file of the output.
      for (const u of want) expect(out.has(u.slice(`${base}/`.length)), u).toBe(true);
    } finally {
      await pictured.remove();
    }
  }, 60_000);
});
