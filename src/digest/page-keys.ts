// A key per page that changes whenever anything the page shows changes, computed without rendering,
// so that a rebuild renders only the pages whose key moved.
import { hash as digestOf } from "node:crypto";
import type { ArticlePage, DayGroup, Digest, Teaser } from "./view-model.ts";
import { htmlOf } from "../content/stored-html.ts";

/** Every page of a digest by URL, with its key. */
export type PageKeys = Map<string, string>;

// One call, no Hash object: half the time of createHash() for the 200,000 short texts of 100,000 articles.
function md5(text: string): string {
  return digestOf("md5", text, "base64url");
}

/**
 * Keys remembered between the dev server's builds, by object: teasers and article pages are never
 * changed once made, and the digest reuses the ones whose inputs did not change (see digest.ts).
 */
export interface KeyMemo {
  version?: string;
  teasers?: WeakMap<Teaser, string>;
  articles?: WeakMap<ArticlePage, string>;
  /** Every other page's key by URL, with the page and what it showed (see `shown`). */
  pages?: Map<string, { page: object; shown: unknown[]; key: string }>;
  /** How many pages the last call hashed; the others' keys were taken from the memo. */
  hashed?: number;
}

/** Whether two lists hold the same values and objects, element by element. */
function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What a day group shows, flat: its heading, link and count, then its teasers. */
function groupShown(g: DayGroup): unknown[] {
  return [g.heading, g.url, g.items.length, ...g.items];
}

/**
 * Keys of every page in `digest`. `version` stands for everything else that shapes the HTML (the
 * layouts, the stylesheet, the settings): a new version changes every key.
 */
export function pageKeys(digest: Digest, version: string, memo?: KeyMemo): PageKeys {
  if (memo && memo.version !== version)
    Object.assign(memo, { version, teasers: new WeakMap(), articles: new WeakMap(), pages: new Map() });
  let hashed = 0;
  // Teasers are shared objects, listed on many pages: each is hashed once. Without a memo (one build)
  // a Map does it, cheaper for the collector than a WeakMap of 100,000 entries.
  const teaserKeys: Pick<WeakMap<Teaser, string>, "get" | "set"> = memo
    ? (memo.teasers ??= new WeakMap())
    : new Map<Teaser, string>();
  const teaserKey = (t: Teaser) => {
    let key = teaserKeys.get(t);
    if (key === undefined) teaserKeys.set(t, (key = md5(JSON.stringify(t))));
    return key;
  };
  const keys: PageKeys = new Map();
  // Keys are hashed: the manifest keeps one per file, and the version alone holds all the settings.
  const versionKey = md5(version);
  const hash = (parts: unknown[]) => md5(JSON.stringify([versionKey, ...parts]));
  // A listing, day, story or feed page shows teasers and article pages, which are never changed once
  // made: what it shows, as a flat list of texts, numbers and those objects, equal element by element
  // to the last build's, gives the same key without a string made or hashed. Keys are kept for the
  // pages of this build only.
  const lastPages = memo?.pages;
  const pagesNow: NonNullable<KeyMemo["pages"]> = new Map();
  const add = (url: string, page: object, parts: () => unknown[], shown?: () => unknown[]) => {
    const last = memo && shown ? lastPages?.get(url) : undefined;
    // The very page of the last build (the digest keeps pages that show the same): nothing to list.
    if (last?.page === page) {
      pagesNow.set(url, last);
      keys.set(url, last.key);
      return;
    }
    const now = memo && shown ? shown() : undefined;
    let key = last && now && sameList(last.shown, now) ? last.key : undefined;
    if (key === undefined) {
      key = hash(parts());
      hashed++;
    }
    if (now) pagesNow.set(url, { page, shown: now, key });
    keys.set(url, key);
  };
  const articleKeys = memo ? (memo.articles ??= new WeakMap()) : undefined;
  for (const p of digest.articlePages) {
    let key = articleKeys?.get(p);
    if (key === undefined) {
      hashed++;
      key = hash([
        teaserKey(p.teaser),
        p.bodyKey ?? md5(htmlOf(p.bodyHtml)),
        p.standfirst,
        p.author,
        p.sourceUrl,
        p.updated,
        p.expired,
        p.corrections,
        p.image,
        p.card,
        p.older,
        p.newer,
        p.related.map((r) => [teaserKey(r.teaser), r.sharedTags]),
        p.story,
        p.coverage?.map(teaserKey),
      ]);
      articleKeys?.set(p, key);
    }
    keys.set(p.url, key);
  }
  for (const p of [...digest.homePages, ...digest.tagPages, ...digest.sourcePages]) {
    add(
      p.url,
      p,
      () => [p.heading, p.kind, p.pager, p.feedPath, p.groups.map((g) => [g.heading, g.url, g.items.map(teaserKey)])],
      () => [p.heading, p.kind, JSON.stringify(p.pager), p.feedPath, ...p.groups.flatMap(groupShown)],
    );
  }
  for (const p of digest.dayPages)
    add(
      p.url,
      p,
      () => [p.group.heading, p.earlier, p.later, p.articles, p.group.items.map(teaserKey)],
      () => [JSON.stringify([p.earlier, p.later, p.articles]), ...groupShown(p.group)],
    );
  for (const p of digest.indexPages) add(p.url, p, () => [p.heading, p.entries]);
  // A story page changes with any of its reports (each teaser carries its coverage links too).
  for (const p of digest.storyPages)
    add(
      p.url,
      p,
      () => [p.heading, p.feedPath, teaserKey(p.lead), p.items.map(teaserKey)],
      () => [p.heading, p.feedPath, p.lead, p.items.length, ...p.items],
    );
  for (const f of digest.feedFiles) {
    const { feed } = f;
    // A summary feed does not show the body: editing it leaves the tag and source feeds alone.
    const body = (p: ArticlePage) => (feed.content === "full" ? (p.bodyKey ?? md5(htmlOf(p.bodyHtml))) : null);
    add(
      f.url,
      f,
      () => [
        f.format,
        feed.title,
        feed.description,
        feed.content,
        feed.pages.map((p) => [teaserKey(p.teaser), body(p), p.updated, p.author, p.sourceUrl]),
      ],
      () => [f.format, feed.title, feed.description, feed.content, ...feed.pages],
    );
  }
  if (memo) Object.assign(memo, { pages: pagesNow, hashed });
  return keys;
}

/** The digest with only the pages whose key differs from `previous`, for a rebuild to render. */
export function changedPages(digest: Digest, keys: PageKeys, previous: ReadonlyMap<string, string>): Digest {
  const changed = <T extends { url: string }>(list: readonly T[]) =>
    list.filter((p) => previous.get(p.url) !== keys.get(p.url));
  return {
    settings: digest.settings,
    articlePages: changed(digest.articlePages),
    homePages: changed(digest.homePages),
    dayPages: changed(digest.dayPages),
    tagPages: changed(digest.tagPages),
    sourcePages: changed(digest.sourcePages),
    indexPages: changed(digest.indexPages),
    storyPages: changed(digest.storyPages),
    feedFiles: changed(digest.feedFiles),
    documents: digest.documents,
    context: digest.context,
  };
}
