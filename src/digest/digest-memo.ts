// What the dev server's digest keeps from one rebuild to the next, and how a memoised value is reused.
import type { Article } from "../content/article.ts";
import type { SitemapMemo } from "../formats/sitemap.ts";
import type { StoryMemo } from "../stories/site-stories.ts";
import type { RelatedMemo } from "./related-memo.ts";
import type { DateTime } from "luxon";
import type { TermsMemo } from "./taxonomy.ts";
import type {
  ArticlePage,
  DayGroup,
  DayPage,
  Digest,
  FeedFile,
  FeedSpec,
  Image,
  Link,
  ListPage,
  StoryPage,
  Teaser,
} from "./view-model.ts";

/**
 * What the dev server's last build made, reused by the next one: the related lists (scored again
 * only where an edit can change them), and every teaser and article page whose inputs are the very
 * same objects as before (an unchanged file keeps its parsed article, and links are shared objects),
 * while the time formats stay the same. Reused objects keep their identity, so page keys (see
 * page-keys.ts) need not hash them again.
 */
export interface DigestMemo {
  /** The related lists, scored again only where an edit can change them (related-memo.ts). */
  related?: RelatedMemo;
  /** The time formats' settings, as the teasers were made with them. */
  terms?: string;
  /** Each tag's and source's key by name, kept so that a key is the very same string every build (taxonomy.ts). */
  names?: Map<string, string>;
  /** Each article's tags' and source's keys. */
  linkKeys?: WeakMap<Article, LinkKeys>;
  /** Each tag's and source's link, one object per URL and label, so that links compare by identity. */
  links?: Map<string, Link>;
  teasers?: WeakMap<Article, Memoised<Teaser>>;
  pages?: WeakMap<Article, Memoised<ArticlePage>>;
  /** Listing pages, day groups and pages, feeds, by URL, with what each shows (this build's pages only). */
  kept?: KeptPages;
  /** The last build's tags and sources, kept while the same articles carry the same names (taxonomy.ts). */
  tags?: TermsMemo;
  sources?: TermsMemo;
  /** Story detection's last result (src/stories/site-stories.ts). */
  stories?: StoryMemo;
  /** The memo serves one build only (a production build's): teasers and pages are not remembered. */
  oneBuild?: boolean;
  /** The last digest and what it was made from, to follow a body edit (body-edits.ts). */
  last?: LastDigest;
  /** The detection and related lists as the digest cache file holds them, so that unchanged ones are not written again. */
  saved?: readonly unknown[];
}

/** What the dev server's last digest was made from and made, kept to follow a body edit. */
export interface LastDigest {
  /** The settings, as JSON. */
  settings: string;
  /** The articles as the last build got them, a followed edit's own included. */
  input: readonly Article[];
  /** The articles the digest's lists hold: the last whole pass's, by their place in `input`. */
  held: readonly Article[];
  /** The whole pass's articles, newest first: the order of `digest.articlePages`. */
  sorted: readonly Article[];
  images: ReadonlyMap<Article, Image>;
  cards: ReadonlyMap<Article, Image>;
  now: DateTime | undefined;
  digest: Digest;
  /** Each held article's place in `sorted`, made at the first followed edit. */
  pageAt?: Map<Article, number>;
  /** Every feed file again, from the held lists, each article's page given by `pageOf`. */
  feeds: (pageOf: (a: Article) => ArticlePage, keep: { feeds: Keep<FeedSpec>; files: Keep<FeedFile> }) => FeedFile[];
}

/** The keys (nameKey) of an article's tags and source, which find their links. */
export interface LinkKeys {
  tags: readonly string[];
  source: string | undefined;
}

/** The pages the dev server keeps by URL between builds while what they show is the same. */
export interface KeptPages {
  lists?: KeptByKey<ListPage>;
  groups?: KeptByKey<DayGroup>;
  days?: KeptByKey<DayPage>;
  stories?: KeptByKey<StoryPage>;
  feeds?: KeptByKey<FeedSpec>;
  feedFiles?: KeptByKey<FeedFile>;
  sitemaps?: SitemapMemo;
}

/** A value and the inputs it was made from. */
export interface Memoised<T> {
  inputs: unknown[];
  value: T;
}

/** Offers a value's inputs one by one, in a fixed order, to `put`; stops (false) as soon as `put` answers false. */
export type Visit = (put: (input: unknown) => boolean) => boolean;

/** Whether `visit` offers exactly the inputs `known` was made from, each the very same; no list is made. */
function sameInputs(known: Memoised<unknown>, visit: Visit): boolean {
  const before = known.inputs;
  let i = 0;
  return visit((input) => i < before.length && before[i++] === input) && i === before.length;
}

/** What `visit` offers, as a list. */
function inputsOf(visit: Visit): unknown[] {
  const inputs: unknown[] = [];
  visit((input) => inputs.push(input) > 0);
  return inputs;
}

/**
 * The memoised value when it was made from the same inputs (compared by identity), else a new one;
 * without a memo, a new one (the inputs are not even visited). Inputs are compared as they come:
 * most of a rebuild's values find every input the same, and 10,000 lists made only to be compared
 * were the collector's work.
 */
export function reuse<K extends object, T>(
  memo: WeakMap<K, Memoised<T>> | undefined,
  key: K,
  visit: Visit,
  make: () => T,
): T {
  if (memo === undefined) return make();
  const known = memo.get(key);
  if (known && sameInputs(known, visit)) return known.value;
  const value = make();
  memo.set(key, { inputs: inputsOf(visit), value });
  return value;
}

/** Values by key (a page's URL) kept from one build to the next. */
export type KeptByKey<T> = Map<string, Memoised<T>>;

/** A value by key: the last build's while `visit` offers the same inputs, else `make`'s (see keepByKey). */
export type Keep<T> = (key: string, visit: Visit, make: () => T) => T;

/** Makes every value anew: the Keep of a build that keeps nothing. */
export function makeAnew<T>(_key: string, _visit: Visit, make: () => T): T {
  return make();
}

/**
 * reuse() by key for the pages of one build: the value the last build made for `key` when its
 * inputs are the same, else a new one; `now` receives this build's, so that a page that went is let go.
 */
export function keepByKey<T>(last: KeptByKey<T> | undefined, now: KeptByKey<T>): Keep<T> {
  return (key, visit, make) => {
    const known = last?.get(key);
    if (known && sameInputs(known, visit)) {
      now.set(key, known);
      return known.value;
    }
    const value = make();
    now.set(key, { inputs: inputsOf(visit), value });
    return value;
  };
}
