import { XMLParser } from "fast-xml-parser";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.ts";
import { escapeHtml } from "../../src/formats/html.ts";
import {
  absolutizeHtml,
  entryId,
  type FeedChannel,
  type FeedItem,
  feedItemsFrom,
  feedUpdated,
  renderFeeds,
} from "../../src/formats/feeds.ts";
import { article, testSettings as settings } from "../helpers/articles.ts";
import { wellFormed } from "../helpers/xml.ts";

const site = settings.url;
const channel: FeedChannel = {
  title: "The Broadsheet",
  description: "News & views, daily.",
  siteUrl: site,
  feedPath: "/feeds/",
  language: "en-GB",
  updated: new Date("2025-08-15T12:00:00Z"),
};
const script = `Ben & Jerry's <script>alert("x")</script> &lt;3`;
const articles = [
  article("bridge", "2025-08-15T09:45:00+02:00", {
    title: "Harbour bridge reopens",
    author: "Priya Nandakumar",
    source: "Northbridge Courier",
    sourceUrl: "https://courier.example/story?id=1&ref=feed",
    updated: DateTime.fromISO("2025-08-15T10:15:00Z", { setZone: true }),
    tags: ["Transport", "R&D"],
    bodyHtml: `<p>See <a href="/2025/08/14/cafe/">yesterday</a> and <a href="#more">below</a>.</p><p><img src="/media/bridge.jpg" alt="The bridge"></p>`,
  }),
  article("cafe", "2025-08-14T18:00:00Z", { title: "São Paulo café ☕ — 東京", summary: "Ünïcode only." }),
  article("escape", "2025-08-14T08:00:00Z", {
    title: script,
    summary: "<b>bold</b> & more",
    sourceUrl: "https://wire.example/a?b=1&c=2",
  }),
  article("draft", "2025-08-15T11:00:00Z", { draft: true }),
];
const pages = buildDigest(settings, articles).articlePages;
const items = feedItemsFrom(pages, settings);

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ["entry", "item", "link", "category", "author"].includes(name),
});
const decodeHtml = (html: string) =>
  html.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e] ?? "",
  );
// biome-ignore lint/suspicious/noExplicitAny: a parsed XML tree; the assertions check its shape.
type Node = Record<string, any>;

/** What every format says about an entry, read back from the rendered feed. */
interface Entry {
  id: string;
  title: string;
  link: string;
  published: string;
  updated: string | undefined;
  author: string | undefined;
  summary: string;
  content: string;
  categories: string[];
  source: { name: string | undefined; url: string } | undefined;
}

const iso = (date: string) => new Date(date).toISOString();
const readers: Record<"atom" | "rss" | "json", (text: string) => Entry[]> = {
  atom: (xml) =>
    (parser.parse(xml).feed.entry ?? []).map((e: Node) => ({
      id: e.id,
      title: e.title,
      link: e.link[0]["@_href"],
      published: iso(e.published),
      updated: iso(e.updated),
      author: e.author?.[0].name,
      summary: e.summary,
      content: e.content["#text"],
      categories: (e.category ?? []).map((c: Node) => c["@_term"]),
      source: undefined,
    })),
  rss: (xml) =>
    (parser.parse(xml).rss.channel.item ?? []).map((e: Node) => ({
      id: e.guid["#text"],
      title: e.title,
      link: e.link[0],
      published: iso(e.pubDate),
      updated: undefined,
      author: e["dc:creator"],
      summary: decodeHtml(e.description),
      content: e["content:encoded"],
      categories: e.category ?? [],
      source: e.source && { name: e.source["#text"], url: e.source["@_url"] },
    })),
  json: (json) =>
    JSON.parse(json).items.map((e: Node) => ({
      id: e.id,
      title: e.title,
      link: e.url,
      published: e.date_published,
      updated: e.date_modified,
      author: e.authors?.[0].name,
      summary: e.summary,
      content: e.content_html,
      categories: e.tags,
      source: e.external_url && { name: undefined, url: e.external_url },
    })),
};

/** The entry each format should give for an item; RSS has no per-item update time, JSON Feed no outlet name. */
function expected(item: FeedItem, format: keyof typeof readers): Entry {
  const source =
    item.source?.url === undefined
      ? undefined
      : { name: format === "rss" ? item.source.name : undefined, url: item.source.url };
  return {
    id: item.id,
    title: item.title,
    link: item.url,
    published: item.published.toISOString(),
    updated: format === "rss" ? undefined : item.updated.toISOString(),
    author: item.author,
    summary: item.summary,
    content: item.contentHtml,
    categories: item.tags,
    source: format === "atom" ? undefined : source,
  };
}

describe("feedItemsFrom", () => {
  it("maps the digest's pages newest first, drafts left out, with absolute URLs in the content", () => {
    expect(
      items.map((i) => [i.url, i.id, i.published.toISOString(), i.updated.toISOString(), i.author, i.source]),
    ).toEqual([
      [
        `${site}/2025/08/15/bridge/`,
        "tag:news.example.org,2025-08-15:/2025/08/15/bridge/",
        "2025-08-15T07:45:00.000Z",
        "2025-08-15T10:15:00.000Z",
        "Priya Nandakumar",
        { name: "Northbridge Courier", url: "https://courier.example/story?id=1&ref=feed" },
      ],
      [
        `${site}/2025/08/14/cafe/`,
        "tag:news.example.org,2025-08-14:/2025/08/14/cafe/",
        "2025-08-14T18:00:00.000Z",
        "2025-08-14T18:00:00.000Z",
        undefined,
        undefined,
      ],
      [
        `${site}/2025/08/14/escape/`,
        "tag:news.example.org,2025-08-14:/2025/08/14/escape/",
        "2025-08-14T08:00:00.000Z",
        "2025-08-14T08:00:00.000Z",
        undefined,
        { name: "wire.example", url: "https://wire.example/a?b=1&c=2" },
      ],
    ]);
    expect(items[0]!.contentHtml).toBe(
      `<p>See <a href="${site}/2025/08/14/cafe/">yesterday</a> and <a href="${site}/2025/08/15/bridge/#more">below</a>.</p><p><img src="${site}/media/bridge.jpg" alt="The bridge"></p>`,
    );
    expect(items[0]!.tags).toEqual(["Transport", "R&D"]);
  });

  it.each([
    { name: "no pages", limit: 20, from: [] as typeof pages, want: [] },
    { name: "a limit below the count", limit: 2, from: pages, want: ["bridge", "cafe"] },
    { name: "a limit of zero", limit: 0, from: pages, want: [] },
  ])("takes the newest entries up to the limit: $name", ({ limit, from, want }) => {
    expect(feedItemsFrom(from, settings, { limit }).map((i) => i.url.split("/")[6])).toEqual(want);
  });

  it("leaves the body out of summary entries, which then carry the summary as their content", () => {
    const summaries = feedItemsFrom(pages, settings, { content: "summary" });
    expect(summaries.map((i) => [i.url, i.title, i.summary])).toEqual(items.map((i) => [i.url, i.title, i.summary]));
    expect(summaries.map((i) => i.contentHtml)).toEqual(["", "", ""]);
    const rss = renderFeeds(channel, summaries).rss;
    expect(rss).not.toContain("yesterday");
    expect(rss).toContain(`<content:encoded><![CDATA[<p>${escapeHtml(summaries[0]!.summary)}</p>]]></content:encoded>`);
    // Full entries of the same pages are still whole: the two kinds are remembered apart.
    expect(feedItemsFrom(pages, settings)[0]!.contentHtml).toBe(items[0]!.contentHtml);
  });
});

describe.each(["atom", "rss", "json"] as const)("renderFeeds: %s", (format) => {
  const text = renderFeeds(channel, items)[format];

  it("is well-formed and says, for every entry, what the item says", () => {
    if (format !== "json") expect(wellFormed(text)).toBe(true);
    expect(readers[format](text)).toEqual(items.map((item) => expected(item, format)));
  });

  it("keeps an entry's id when the article is updated", () => {
    const later = buildDigest(
      settings,
      articles.map((a) => ({ ...a, updated: DateTime.fromISO("2025-08-20T00:00:00Z") })),
    ).articlePages;
    const again = readers[format](renderFeeds(channel, feedItemsFrom(later, settings))[format]);
    expect(again.map((e) => e.id)).toEqual(readers[format](text).map((e) => e.id));
    // RSS 2.0 has no update time for an item; the others must show the new one.
    if (format !== "rss") expect(again.map((e) => e.updated)).toEqual(items.map(() => "2025-08-20T00:00:00.000Z"));
  });

  it.each([
    { name: "a repeated CDATA end", title: "a ]]> b ]]> c" },
    { name: "markup and references", title: `<b>bold</b> & <![CDATA[x]]> &amp; "q" 'a'` },
    { name: "control characters", title: "bell\u0007 and null\u0000 gone" },
  ])("stays well-formed with $name in a title and summary, read back as written", ({ title }) => {
    const out = renderFeeds(channel, [{ ...items[1]!, title, summary: title, contentHtml: "" }])[format];
    if (format === "json") return expect(JSON.parse(out).items[0].title).toBe(title);
    expect(wellFormed(out)).toBe(true);
    const entry = readers[format](out)[0]!;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this test is about.
    expect([entry.title, entry.summary]).toEqual([title, title].map((t) => t.replace(/[\u0000\u0007]/g, "")));
  });

  it("keeps a tag with `<` and `&`, escaped", () => {
    const out = renderFeeds(channel, [{ ...items[1]!, tags: ["<3", "R&D", "Love"] }])[format];
    if (format !== "json") expect(wellFormed(out)).toBe(true);
    expect(readers[format](out)[0]!.categories).toEqual(["<3", "R&D", "Love"]);
  });

  it("renders an empty feed", () => {
    const out = renderFeeds(channel, [])[format];
    if (format !== "json") expect(wellFormed(out)).toBe(true);
    expect(readers[format](out)).toEqual([]);
  });
});

describe("renderFeeds channel fields", () => {
  const tag: FeedChannel = {
    ...channel,
    title: "Climate & energy",
    feedPath: "/tags/climate/feeds/",
    pagePath: "/tags/climate/",
  };
  const { atom, rss, json } = renderFeeds(tag, items);

  it("Atom: title, id, updated, alternate and self links, a fallback author", () => {
    const feed = parser.parse(atom).feed;
    expect([feed.title, feed.id, feed.updated, feed.subtitle, feed.author[0].name]).toEqual([
      "Climate & energy",
      `${site}/tags/climate/feeds/`,
      "2025-08-15T12:00:00.000Z",
      "News & views, daily.",
      "Climate & energy",
    ]);
    expect(feed.link.map((l: Node) => [l["@_rel"], l["@_href"]])).toEqual([
      ["alternate", `${site}/tags/climate/`],
      ["self", `${site}/tags/climate/feeds/atom.xml`],
    ]);
  });

  it("RSS: title, link, description, language, lastBuildDate and self link", () => {
    const c = parser.parse(rss).rss.channel;
    expect([c.title, c.link[0], c.description, c.language, c.lastBuildDate, c["atom:link"]["@_href"]]).toEqual([
      "Climate & energy",
      `${site}/tags/climate/`,
      "News & views, daily.",
      "en-GB",
      "Fri, 15 Aug 2025 12:00:00 GMT",
      `${site}/tags/climate/feeds/rss.xml`,
    ]);
  });

  it("RSS: an item without a body carries its summary, so the dc: namespace of dc:creator is declared", () => {
    const out = renderFeeds(channel, [{ ...items[0]!, contentHtml: "" }]).rss;
    expect(out).toContain(`xmlns:dc="http://purl.org/dc/elements/1.1/"`);
    expect(readers.rss(out)[0]).toMatchObject({ author: "Priya Nandakumar", content: `<p>${items[0]!.summary}</p>` });
  });

  it("JSON Feed 1.1: version, title, home page, feed URL, language, authors", () => {
    const feed = JSON.parse(json);
    expect([
      feed.version,
      feed.title,
      feed.home_page_url,
      feed.feed_url,
      feed.language,
      feed.authors,
      feed.author,
    ]).toEqual([
      "https://jsonfeed.org/version/1.1",
      "Climate & energy",
      `${site}/tags/climate/`,
      `${site}/tags/climate/feeds/feed.json`,
      "en-GB",
      [{ name: "Climate & energy", url: `${site}/` }],
      undefined,
    ]);
    expect(feed.items.map((i: Node) => Object.keys(i).sort())[0]).toEqual([
      "authors",
      "content_html",
      "date_modified",
      "date_published",
      "external_url",
      "id",
      "summary",
      "tags",
      "title",
      "url",
    ]);
  });
});

describe("absolutizeHtml", () => {
  it.each([
    { html: `<a href="/a/">a</a>`, want: `<a href="${site}/a/">a</a>` },
    { html: `<img src="/m/x.jpg" alt="">`, want: `<img src="${site}/m/x.jpg" alt="">` },
    { html: `<a href='/a/?q=1&amp;r=2'>a</a>`, want: `<a href='${site}/a/?q=1&amp;r=2'>a</a>` },
    { html: `<a href="#s">s</a>`, want: `<a href="${site}/2025/08/15/x/#s">s</a>` },
    { html: `<a href="other/">o</a>`, want: `<a href="${site}/2025/08/15/x/other/">o</a>` },
    {
      html: `<a href="https://e.org/">e</a> <a href="//cdn.example/x">c</a> <a href="mailto:a@b.example">m</a>`,
      same: true,
    },
    { html: `<code>href=&quot;/x&quot;</code> <a data-src="/x">d</a>`, same: true },
    { html: "", same: true },
    {
      html: `<source srcset="/m/a-480.avif 480w, /m/a-800.avif 800w"><img src="/m/a.jpg" srcset="/m/a-480.jpg 480w,/m/a-800.jpg 800w">`,
      want: `<source srcset="${site}/m/a-480.avif 480w, ${site}/m/a-800.avif 800w"><img src="${site}/m/a.jpg" srcset="${site}/m/a-480.jpg 480w,${site}/m/a-800.jpg 800w">`,
    },
    { html: `<img srcset="https://e.org/a.jpg 2x">`, same: true },
  ])("$html", ({ html, want, same }) => {
    expect(absolutizeHtml(html, site, "/2025/08/15/x/")).toBe(same ? html : want);
  });

  it("keeps the path of a site served from a folder", () => {
    expect(absolutizeHtml(`<a href="/a/">a</a>`, "https://example.org/news")).toBe(
      `<a href="https://example.org/news/a/">a</a>`,
    );
  });
});

describe("entryId", () => {
  it.each([
    {
      site,
      path: "/2025/08/15/a/",
      published: "2025-08-15T23:30:00+02:00",
      want: "tag:news.example.org,2025-08-15:/2025/08/15/a/",
    },
    {
      site,
      path: "/2025/08/16/a/",
      published: "2025-08-16T00:30:00+02:00",
      want: "tag:news.example.org,2025-08-15:/2025/08/16/a/",
    },
    {
      site: "http://example.org:8080/news",
      path: "/2025/01/01/b/",
      published: "2025-01-01T00:00:00Z",
      want: "tag:example.org,2025-01-01:/news/2025/01/01/b/",
    },
  ])("$site + $path, published $published -> $want", ({ site, path, published, want }) => {
    expect(entryId(site, path, new Date(published))).toBe(want);
  });
});

describe("feedUpdated", () => {
  const fallback = new Date("2000-01-01T00:00:00Z");
  it.each([
    { name: "no entries", from: [] as FeedItem[], want: fallback },
    { name: "the latest update, not the first entry's", from: items, want: new Date("2025-08-15T10:15:00Z") },
  ])("$name", ({ from, want }) => {
    expect(feedUpdated(from, fallback)).toEqual(want);
  });
});

describe("RSS escaping (issue 13.9)", () => {
  it("RSS titles: markup escaped, ]]> survives", () => {
    const title = `<i>Breaking</i> & a ]]> b`;
    const rss = renderFeeds(channel, [{ ...items[1]!, title, summary: `<b>bold</b> ]]> & more` }]).rss;
    expect(wellFormed(rss)).toBe(true);
    expect(rss).toContain(`<title>&lt;i&gt;Breaking&lt;/i&gt; &amp; a ]]&gt; b</title>`);
    // The description is HTML by RSS convention: the summary escaped for HTML, then for XML.
    expect(rss).toContain(
      `<description>&amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; ]]&amp;gt; &amp;amp; more</description>`,
    );
    expect(rss).not.toMatch(/<(?:title|description)><!\[CDATA\[/);
    const entry = readers.rss(rss)[0]!;
    expect([entry.title, entry.summary]).toEqual([title, `<b>bold</b> ]]> & more`]);
  });
});

describe("images in feeds (issue 14.9)", () => {
  const picture = (url: string, width: number, height: number) => ({ url, alt: "A", width, height });
  const [withImage, withCard, bare] = [
    article("lead", "2025-08-15T09:00:00Z"),
    article("card", "2025-08-15T08:00:00Z"),
    article("bare", "2025-08-15T07:00:00Z"),
  ];
  const imagePages = buildDigest(
    settings,
    [withImage!, withCard!, bare!],
    new Map([[withImage!, picture("/media/lead-abc-1200.jpg", 1200, 800)]]),
    {},
    undefined,
    new Map([
      [withImage!, picture("/media/lead-card.png", 1200, 630)],
      [withCard!, picture("/media/card-def.png", 1200, 630)],
    ]),
  ).articlePages;
  const imageItems = feedItemsFrom(imagePages, settings);
  const { atom, rss, json } = renderFeeds(channel, imageItems);
  const lead = { url: `${site}/media/lead-abc-1200.jpg`, type: "image/jpeg", width: 1200, height: 800 };
  const card = { url: `${site}/media/card-def.png`, type: "image/png", width: 1200, height: 630 };

  it("takes the lead image, or the social card when there is none", () => {
    expect(imageItems.map((i) => i.image)).toEqual([lead, card, undefined]);
  });

  it("JSON Feed: `image` is the picture's absolute URL", () => {
    expect(JSON.parse(json).items.map((i: Node) => i.image)).toEqual([lead.url, card.url, undefined]);
  });

  it("RSS: media:content with url, type, medium and size (no byte length, which <enclosure> requires)", () => {
    expect(wellFormed(rss)).toBe(true);
    const feed = parser.parse(rss).rss;
    expect(feed["@_xmlns:media"]).toBe("http://search.yahoo.com/mrss/");
    expect(feed.channel.item.map((i: Node) => i["media:content"])).toEqual([
      ...[lead, card].map((p) => ({
        "@_url": p.url,
        "@_type": p.type,
        "@_medium": "image",
        "@_width": String(p.width),
        "@_height": String(p.height),
      })),
      undefined,
    ]);
    expect(rss).not.toContain("<enclosure");
  });

  it("RSS: an enclosure when the byte length is known", () => {
    const out = renderFeeds(channel, [{ ...imageItems[0]!, image: { ...lead, bytes: 123_456 } }]).rss;
    expect(parser.parse(out).rss.channel.item[0].enclosure).toEqual({
      "@_url": lead.url,
      "@_length": "123456",
      "@_type": "image/jpeg",
    });
    expect(out).not.toContain("<media:content");
  });

  it("Atom: a link rel=enclosure with type and href, beside the alternate link", () => {
    expect(wellFormed(atom)).toBe(true);
    const links = parser
      .parse(atom)
      .feed.entry.map((e: Node) => e.link.map((l: Node) => [l["@_rel"], l["@_href"], l["@_type"]]));
    expect(links).toEqual([
      [
        ["alternate", `${site}/2025/08/15/lead/`, undefined],
        ["enclosure", lead.url, "image/jpeg"],
      ],
      [
        ["alternate", `${site}/2025/08/15/card/`, undefined],
        ["enclosure", card.url, "image/png"],
      ],
      [["alternate", `${site}/2025/08/15/bare/`, undefined]],
    ]);
  });

  it("escapes an image URL with `&` in every format", () => {
    const odd = { ...lead, url: `${site}/media/a.jpg?w=1&h=2` };
    const out = renderFeeds(channel, [{ ...imageItems[0]!, image: odd }]);
    expect([wellFormed(out.atom), wellFormed(out.rss)]).toEqual([true, true]);
    expect(parser.parse(out.rss).rss.channel.item[0]["media:content"]["@_url"]).toBe(odd.url);
    expect(parser.parse(out.atom).feed.entry[0].link[1]["@_href"]).toBe(odd.url);
    expect(JSON.parse(out.json).items[0].image).toBe(odd.url);
  });
});
