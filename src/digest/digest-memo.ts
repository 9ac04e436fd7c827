// What the dev server's digest keeps from one rebuild to the next, and how a memoised value is reused.
import type { Article } from "../content/article.ts";
import type { StoryMemo } from "../stories/site-stories.ts";
import type { RelatedMemo } from "./related-memo.ts";
import type { ArticlePage, Link, Teaser } from "./view-model.ts";

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
  /** Each tag's and source's link, one object per URL and label, so that links compare by identity. */
  links?: Map<string, Link>;
  teasers?: WeakMap<Article, Memoised<Teaser>>;
  pages?: WeakMap<Article, Memoised<ArticlePage>>;
  /** Story detection's last result (src/stories/site-stories.ts). */
  stories?: StoryMemo;
  /** The memo serves one build only (a production build's): teasers and pages are not remembered. */
  oneBuild?: boolean;
  /** The detection and related lists as the digest cache file holds them, so that unchanged ones are not written again. */
  saved?: readonly unknown[];
}

/** A value and the inputs it was made from. */
export interface Memoised<T> {
  inputs: unknown[];
  value: T;
}

/**
 * The memoised value when it was made from the same inputs (compared by identity), else a new one;
 * without a memo, a new one (the inputs are not even listed).
 */
export function reuse<K extends object, T>(
  memo: WeakMap<K, Memoised<T>> | undefined,
  key: K,
  list: () => unknown[],
  make: () => T,
): T {
  if (memo === undefined) return make();
  const inputs = list();
  const known = memo.get(key);
  if (known && known.inputs.length === inputs.length && known.inputs.every((input, i) => input === inputs[i]))
    return known.value;
  const value = make();
  memo.set(key, { inputs, value });
  return value;
}
