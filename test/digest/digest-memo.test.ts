// The dev server's digest memo: what it keeps between builds, and that a kept digest equals a clean build's.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { type DigestMemo, type KeptByKey, keepByKey, reuse, type Visit } from "../../src/digest/digest-memo.ts";
import { type KeyMemo, pageKeys } from "../../src/digest/page-keys.ts";
import type { Digest, Teaser } from "../../src/digest/view-model.ts";
import { article, testSettings } from "../helpers/articles.ts";

// Two teasers a page, so that listings have several pages and an edit reaches only some of them.
const settings = { ...testSettings, pageSize: 2 };
const now = DateTime.fromISO("2025-08-17T12:00:00Z");
const pages = ({ context: _, ...rest }: Digest) => rest;

const site = (): Article[] => [
  article("a0", "2025-08-10T10:00:00Z", { tags: ["Cats"], source: "Harbour Herald" }),
  article("a1", "2025-08-12T10:00:00Z", { tags: ["Ferries"], source: "Tarnside Gazette" }),
  article("a2", "2025-08-14T10:00:00Z", { tags: ["Cats"], source: "Harbour Herald", story: "kiln-fire" }),
  article("a3", "2025-08-14T16:00:00Z", { tags: ["Ferries", "Cats"] }),
  article("target", "2025-08-15T09:00:00Z", {
    tags: ["Kilns", "Ferries"],
    source: "Tarnside Gazette",
    story: "kiln-fire",
  }),
  article("a4", "2025-08-15T09:30:00Z", { tags: ["Weather"], source: "Harbour Herald", story: "gale" }),
  article("a8", "2025-08-16T09:30:00Z", { tags: ["Ferries"], source: "Tarnside Gazette", story: "gale" }),
  article("a5", "2025-08-15T10:00:00Z", { tags: ["Kilns"] }),
  article("a6", "2025-08-16T10:00:00Z", { tags: ["Weather"], source: "Harbour Herald" }),
  article("a7", "2025-08-16T11:00:00Z", { tags: ["Weather", "Cats"], source: "Tarnside Gazette" }),
];

/** Every listing, day, feed and story page of a digest by URL. */
function keptKinds(d: Digest): Map<string, object> {
  const all = [...d.homePages, ...d.tagPages, ...d.sourcePages, ...d.dayPages, ...d.storyPages, ...d.feedFiles];
  return new Map(all.map((p) => [p.url, p]));
}

/** The teasers a listing, day or story page shows, or the article pages a feed shows. */
function shown(page: object): object[] {
  if ("groups" in page) return (page as Digest["homePages"][number]).groups.flatMap((g) => g.items);
  if ("group" in page) return (page as Digest["dayPages"][number]).group.items;
  if ("feed" in page) return (page as Digest["feedFiles"][number]).feed.pages;
  return [(page as Digest["storyPages"][number]).lead, ...(page as Digest["storyPages"][number]).items];
}

describe("the dev server's kept listings, days and feeds", () => {
  it("keeps every page that shows only teasers and pages of the build before, and makes anew the ones that show the edited article", () => {
    const memo: DigestMemo = {};
    const articles = site();
    const first = buildDigest(settings, articles, undefined, memo, now);
    // A headline edit takes the whole pass (a body edit is followed: body-edits.test.ts).
    const edited = articles.map((a) => (a.slug === "target" ? { ...a, title: "Rewritten" } : a));
    const second = buildDigest(settings, edited, undefined, memo, now);
    const before = keptKinds(first);
    const old = new Set<object>([...first.articlePages, ...first.articlePages.map((p) => p.teaser)]);
    const after = [...keptKinds(second)];
    const kept = after.filter(([url, page]) => before.get(url) === page).map(([url]) => url);
    const fresh = after.filter(([, page]) => !shown(page).every((item) => old.has(item))).map(([url]) => url);
    // A page is kept exactly when all it shows is of the build before.
    expect(kept.sort()).toEqual(
      after
        .map(([url]) => url)
        .filter((url) => !fresh.includes(url))
        .sort(),
    );
    // The edit reaches some pages, not all: the target's listings, day and feeds, and the feeds of its neighbours.
    expect(fresh).toContain("/tags/kilns/");
    expect(fresh).toContain("/2025/08/15/");
    expect(kept).toContain("/tags/weather/");
    expect(kept).toContain("/2025/08/10/");
    expect(kept).toContain("/");
    expect(fresh).toContain("/stories/kiln-fire/");
    expect(kept).toContain("/stories/gale/");
    expect(pages(second)).toEqual(pages(buildDigest(settings, edited, undefined, undefined, now)));
  });

  it("keeps nothing for a production build (one build only)", () => {
    const memo: DigestMemo = { oneBuild: true };
    const first = buildDigest(settings, site(), undefined, memo, now);
    const second = buildDigest(settings, site(), undefined, memo, now);
    expect(memo.kept).toBeUndefined();
    expect(second.homePages[0]).not.toBe(first.homePages[0]);
    expect(pages(second)).toEqual(pages(first));
  });

  // Each step changes the site the step before left; the memo sees them in turn, as the dev server does.
  type Step = [string, (list: Article[]) => Article[]];
  const change = (slug: string, extra: Partial<Article>) => (list: Article[]) =>
    list.map((a) => (a.slug === slug ? { ...a, ...extra } : a));
  const moved = (slug: string, iso: string) => (list: Article[]) =>
    list.map((a) => (a.slug === slug ? article(slug, iso, { tags: a.tags, source: a.source }) : a));
  const steps: Step[] = [
    ["a body edit", change("target", { bodyHtml: "<p>Rewritten.</p>" })],
    ["a date edit to another day", moved("target", "2025-08-11T08:00:00Z")],
    ["a tags edit", change("a2", { tags: ["Kilns", "Weather"] })],
    ["a title edit", change("a5", { title: "A new headline" })],
    ["a source edit", change("a1", { source: "Harbour Herald" })],
    ["a new article", (list) => [...list, article("new", "2025-08-16T12:00:00Z", { tags: ["Cats"] })]],
    ["a deleted article", (list) => list.filter((a) => a.slug !== "a3")],
    ["an item that expires", change("a6", { expires: DateTime.fromISO("2025-08-17T00:00:00Z") })],
    ["a summary edit", change("a7", { summary: "Shorter." })],
    ["nothing", (list) => [...list]],
  ];

  it("gives a clean build's digest, documents and keys after each edit of a sequence", () => {
    const memo: DigestMemo = {};
    const keyMemo: KeyMemo = {};
    let articles = site();
    buildDigest(settings, articles, undefined, memo, now);
    for (const [what, edit] of steps) {
      articles = edit(articles);
      const kept = buildDigest(settings, articles, undefined, memo, now);
      const clean = buildDigest(settings, articles, undefined, undefined, now);
      expect(pages(kept), what).toEqual(pages(clean));
      expect(pageKeys(kept, "v1", keyMemo), what).toEqual(pageKeys(clean, "v1"));
    }
  });
});

describe("reuse and keepByKey", () => {
  const visitOf =
    (...inputs: unknown[]): Visit =>
    (put) =>
      inputs.every(put);

  it("gives the value made from the very same inputs, and makes one anew when any input, or their number, differs", () => {
    const memo = new WeakMap();
    const key = {};
    const a = {};
    const first = reuse(memo, key, visitOf(a, "x"), () => ({ n: 1 }));
    expect(reuse(memo, key, visitOf(a, "x"), () => ({ n: 2 }))).toBe(first);
    expect(reuse(memo, key, visitOf({}, "x"), () => ({ n: 3 }))).toEqual({ n: 3 });
    expect(reuse(memo, key, visitOf({}, "x"), () => ({ n: 4 }))).toEqual({ n: 4 });
    const longer = reuse(memo, key, visitOf(a, "x", undefined), () => ({ n: 5 }));
    expect(longer).toEqual({ n: 5 });
    expect(reuse(memo, key, visitOf(a, "x"), () => ({ n: 6 }))).toEqual({ n: 6 });
  });

  it("visits no input without a memo", () => {
    let visited = 0;
    const value = reuse(
      undefined,
      {},
      (put) => {
        visited++;
        return put(1);
      },
      () => "made",
    );
    expect([value, visited]).toEqual(["made", 0]);
  });

  it("keeps by key only what this build asked for", () => {
    const last: KeptByKey<Teaser | string> = new Map();
    keepByKey(last, last)("/gone/", visitOf(1), () => "gone");
    keepByKey(last, last)("/stays/", visitOf(1), () => "stays");
    const now: KeptByKey<Teaser | string> = new Map();
    const keep = keepByKey(last, now);
    expect(keep("/stays/", visitOf(1), () => "again")).toBe("stays");
    expect(keep("/new/", visitOf(2), () => "new")).toBe("new");
    expect([...now.keys()]).toEqual(["/stays/", "/new/"]);
  });
});
