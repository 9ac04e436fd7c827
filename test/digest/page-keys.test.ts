// Page keys: a page's key moves exactly when something the page shows changes.
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article.ts";
import { article, testSettings } from "../helpers/articles.ts";
import { buildDigest, type DigestMemo } from "../../src/digest/digest.ts";
import { changedPages, type KeyMemo, pageKeys } from "../../src/digest/page-keys.ts";
import type { Digest } from "../../src/digest/view-model.ts";

// Everything a digest shows; its context is which build made it, and two builds never share one.
const pages = ({ context: _, ...rest }: Digest) => rest;

const settings = testSettings;

// Newest first: n5, n4, target, n2, n1, n0. The target's neighbours in time are n4 and n2; n4 and
// n1 share a tag with it, so list it as related; n5 and n0 have nothing to do with it.
const site = (target: Partial<Article> = {}): Article[] => [
  article("n0", "2025-08-10T10:00:00Z", { tags: ["Cats"], source: "BBC" }),
  article("n1", "2025-08-12T10:00:00Z", { tags: ["NATO"] }),
  article("n2", "2025-08-14T10:00:00Z", { tags: ["Cats"], source: "BBC" }),
  article("target", "2025-08-15T09:00:00Z", { tags: ["Kyiv", "NATO"], source: "AP", ...target }),
  article("n4", "2025-08-15T10:00:00Z", { tags: ["Kyiv"] }),
  article("n5", "2025-08-16T10:00:00Z", { tags: ["Weather"], source: "BBC" }),
];

const allUrls = (d: Digest) =>
  [
    ...d.articlePages,
    ...d.homePages,
    ...d.dayPages,
    ...d.tagPages,
    ...d.sourcePages,
    ...d.indexPages,
    ...d.feedFiles,
  ].map((p) => p.url);
/** The three feed files in a feed folder, in URL order. */
const feedFilesIn = (dir: string) => ["atom.xml", "feed.json", "rss.xml"].map((file) => `${dir}${file}`);
// The target is in the feeds of the site, of its tags and of its source.
const targetFeeds = ["/feeds/", "/sources/ap/feeds/", "/tags/kyiv/feeds/", "/tags/nato/feeds/"].flatMap(feedFilesIn);
// Only the site's feed carries bodies; tag and source feeds carry summaries.
const bodyFeeds = feedFilesIn("/feeds/");

/** URLs whose key differs between the site as it is and the site with `target` changed. */
function changedBy(target: Partial<Article>): string[] {
  const before = pageKeys(buildDigest(settings, site()), "v1");
  const digest = buildDigest(settings, site(target));
  return allUrls(changedPages(digest, pageKeys(digest, "v1"), before)).sort();
}

describe("pageKeys", () => {
  const digest = buildDigest(settings, site());

  it("keys every page of the digest, and nothing else", () => {
    const keys = pageKeys(digest, "v1");
    expect([...keys.keys()].sort()).toEqual(allUrls(digest).sort());
    // 6 articles, the home page, 5 days, 4 tags, 2 sources, 2 indexes; 3 feed files each for the site, 4 tags and 2 sources.
    expect(keys.size).toBe(20 + 21);
  });

  it("gives the same keys for the same input, built twice", () => {
    expect(pageKeys(buildDigest(settings, site()), "v1")).toEqual(pageKeys(digest, "v1"));
  });

  it("changes every key with another version", () => {
    const a = pageKeys(digest, "v1");
    const b = pageKeys(digest, "v2");
    for (const [url, key] of a) expect(b.get(url), url).not.toBe(key);
  });

  it("gives an empty digest's pages (home page and indexes) and the site's feed files keys", () => {
    expect([...pageKeys(buildDigest(settings, []), "v1").keys()]).toEqual([
      "/",
      "/tags/",
      "/sources/",
      "/feeds/atom.xml",
      "/feeds/rss.xml",
      "/feeds/feed.json",
    ]);
  });
});

describe("pageKeys after one article changed", () => {
  it("moves only the article's own key and the site feed's keys when its body HTML changes", () => {
    expect(changedBy({ bodyHtml: "<p>target, rewritten</p>" })).toEqual(["/2025/08/15/target/", ...bodyFeeds].sort());
  });

  it("moves only the article's own key and the site feed's keys when its body key changes, whatever the HTML", () => {
    const before = pageKeys(buildDigest(settings, site({ bodyKey: "k1" })), "v1");
    const digest = buildDigest(settings, site({ bodyKey: "k2" }));
    expect(allUrls(changedPages(digest, pageKeys(digest, "v1"), before)).sort()).toEqual(
      ["/2025/08/15/target/", ...bodyFeeds].sort(),
    );
  });

  it("moves no key when the HTML changes but the body key stays (the key stands for the body)", () => {
    const before = pageKeys(buildDigest(settings, site({ bodyKey: "k1" })), "v1");
    const digest = buildDigest(settings, site({ bodyKey: "k1", bodyHtml: "<p>other</p>" }));
    expect(allUrls(changedPages(digest, pageKeys(digest, "v1"), before))).toEqual([]);
  });

  it("moves its page, its listings, its feeds, its neighbours' and the pages listing it as related when its title changes", () => {
    expect(changedBy({ title: "A new headline" })).toEqual(
      [
        ...targetFeeds,
        "/",
        "/2025/08/12/n1/", // lists it as related
        "/2025/08/14/n2/", // its older neighbour
        "/2025/08/15/",
        "/2025/08/15/n4/", // its newer neighbour, and related
        "/2025/08/15/target/",
        "/sources/ap/",
        "/tags/kyiv/",
        "/tags/nato/",
      ].sort(),
    );
  });

  it("moves the listings, feeds and teasers but not the neighbours when only its summary changes", () => {
    expect(changedBy({ summary: "Another summary" })).toEqual(
      [
        ...targetFeeds,
        "/",
        "/2025/08/12/n1/",
        "/2025/08/15/",
        "/2025/08/15/n4/",
        "/2025/08/15/target/",
        "/sources/ap/",
        "/tags/kyiv/",
        "/tags/nato/",
      ].sort(),
    );
  });

  it("moves only the article's page and its feeds when only its author changes", () => {
    expect(changedBy({ author: "Ann Other" })).toEqual(["/2025/08/15/target/", ...targetFeeds].sort());
  });
});

describe("the dev server's memo of teasers, article pages and keys", () => {
  // The dev server keeps an unchanged file's article as the same object, and one memo for its builds.
  function rebuild(target: Partial<Article>, next = settings) {
    const memo: DigestMemo = {};
    const keyMemo: KeyMemo = {};
    const articles = site();
    const first = buildDigest(settings, articles, undefined, memo);
    const before = pageKeys(first, "v1", keyMemo);
    const edited = articles.map((a) => (a.url.endsWith("/target/") ? { ...a, ...target } : a));
    const digest = buildDigest(next, edited, undefined, memo);
    const keys = pageKeys(digest, "v1", keyMemo);
    return {
      first,
      digest,
      keys,
      hashed: keyMemo.hashed,
      fresh: buildDigest(next, edited),
      changed: allUrls(changedPages(digest, keys, before)).sort(),
    };
  }
  const edits: [string, Partial<Article>][] = [
    ["body HTML", { bodyHtml: "<p>target, rewritten</p>" }],
    ["title", { title: "A new headline" }],
    ["summary", { summary: "Another summary" }],
    ["author", { author: "Ann Other" }],
    ["tags", { tags: ["Kyiv", "Weather"] }],
    ["nothing", {}],
  ];

  it.each(edits)(
    "gives the digest and the keys of a build without memo, and moves the same keys, after an edit of the %s",
    (_, target) => {
      const { digest, keys, fresh, changed } = rebuild(target);
      expect(pages(digest)).toEqual(pages(fresh));
      expect(keys).toEqual(pageKeys(fresh, "v1"));
      expect(changed).toEqual(changedBy(target));
    },
  );

  it.each(edits)(
    "hashes again only the pages that show the edited article or its neighbours, after an edit of the %s",
    (_, target) => {
      const { digest, changed, hashed } = rebuild(target);
      // The edited article is a new object: so are its teaser and page, and its neighbours' pages
      // (they link to it); every page showing one of them is hashed again, the rest are not.
      expect(hashed).toBeGreaterThanOrEqual(changed.length);
      expect(hashed).toBeLessThan(allUrls(digest).length);
    },
  );

  it("keeps the article pages when a build makes equal cards anew, and makes the page of a changed card anew", () => {
    const memo: DigestMemo = {};
    const keyMemo: KeyMemo = {};
    const articles = site();
    const cards = (name: (a: Article) => string) =>
      new Map(articles.map((a) => [a, { url: `/media/${name(a)}.png`, alt: a.title, width: 1200, height: 630 }]));
    const digestWith = (made: ReturnType<typeof cards>) =>
      buildDigest(settings, articles, undefined, memo, undefined, made);
    const first = digestWith(cards((a) => a.slug));
    pageKeys(first, "v1", keyMemo);
    const same = digestWith(cards((a) => a.slug));
    expect(same.articlePages.every((p, i) => p === first.articlePages[i])).toBe(true);
    pageKeys(same, "v1", keyMemo);
    expect(keyMemo.hashed).toBe(2);
    const redrawn = digestWith(cards((a) => (a.url.endsWith("/target/") ? "redrawn" : a.slug)));
    const changed = redrawn.articlePages.filter((p, i) => p !== first.articlePages[i]).map((p) => p.url);
    expect(changed).toEqual(["/2025/08/15/target/"]);
  });

  it("hashes no page again when no article changed", () => {
    const memo: DigestMemo = {};
    const keyMemo: KeyMemo = {};
    const articles = site();
    const before = pageKeys(buildDigest(settings, articles, undefined, memo), "v1", keyMemo);
    expect(keyMemo.hashed).toBe(before.size);
    expect(pageKeys(buildDigest(settings, articles, undefined, memo), "v1", keyMemo)).toEqual(before);
    // The two indexes of tags and sources, hashed each time (two small pages).
    expect(keyMemo.hashed).toBe(2);
  });

  it("reuses the teasers and pages of articles the edit does not touch, and makes the edited article's anew", () => {
    const { first, digest } = rebuild({ author: "Ann Other" });
    const page = (d: Digest, name: string) => d.articlePages.find((p) => p.url.endsWith(`/${name}/`))!;
    expect(page(digest, "n0")).toBe(page(first, "n0"));
    expect(page(digest, "n0").teaser).toBe(page(first, "n0").teaser);
    expect(page(digest, "target")).not.toBe(page(first, "target"));
  });

  it("makes every teaser anew when the time zone changes, as a build without memo would", () => {
    const { first, digest, fresh } = rebuild({}, { ...settings, timeZone: "America/New_York" });
    expect(digest.articlePages[0]!.teaser).not.toBe(first.articlePages[0]!.teaser);
    expect(pages(digest)).toEqual(pages(fresh));
  });
});

describe("changedPages", () => {
  const digest = buildDigest(settings, site());
  const keys = pageKeys(digest, "v1");

  it("leaves out every page when nothing changed", () => {
    const render = changedPages(digest, keys, keys);
    expect([
      render.articlePages,
      render.homePages,
      render.dayPages,
      render.tagPages,
      render.sourcePages,
      render.indexPages,
      render.feedFiles,
    ]).toEqual([[], [], [], [], [], [], []]);
    expect(render.settings).toBe(digest.settings);
    // Documents have no keys: they are rendered every time, and written only when their bytes change.
    expect(render.documents).toBe(digest.documents);
    expect(render.documents.map((d) => d.url)).toEqual(["/sitemap.xml", "/news-sitemap.xml", "/robots.txt"]);
  });

  it("keeps every page when there is no previous build", () => {
    const render = changedPages(digest, keys, new Map());
    expect(render).toEqual(digest);
  });

  it("keeps a page whose previous key is missing or different, and only those", () => {
    const previous = new Map(keys);
    previous.delete("/tags/");
    previous.set("/2025/08/10/n0/", "stale");
    expect(allUrls(changedPages(digest, keys, previous))).toEqual(["/2025/08/10/n0/", "/tags/"]);
  });
});
