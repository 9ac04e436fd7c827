// Related lists between the dev server's rebuilds: an edit that changes only some articles' tags
// scores again only the rows it can reach, and the result equals relatedArticles() run on all.
//
// Why that is exact. Row i is scored from the posting lists of i's own tags (their members, times
// and sizes, and N), and each candidate's URL, time, outlet, story and tags. When the inputs keep
// their URLs, times, outlets and stories and only the tags of some articles D change, a list changes
// only for a tag some article of D carries before or after the edit. A row none of whose tags is
// such a tag walks the same lists; none of them holds an article of D, so every candidate it scores,
// and the tags it shares with them, are as before. Any other change (an article added, removed,
// renamed, moved in time, to another outlet or story, or other options) scores every row again.
import { nameKey } from "../content/article.ts";
import { type RelatedInput, type RelatedMatch, type RelatedOptions, relatedArticles } from "./related.ts";

/** The last inputs and result, kept by the dev server's digest memo. */
export interface RelatedMemo {
  options?: string;
  items?: readonly RelatedInput[];
  result?: RelatedMatch[][];
}

/** Related lists of `items`, scoring again only the rows an edit since the memo's inputs can reach. */
export function memoRelated(
  items: readonly RelatedInput[],
  options: Partial<RelatedOptions>,
  memo: RelatedMemo,
): RelatedMatch[][] {
  const key = JSON.stringify(options);
  const rows = memo.options === key && memo.items && memo.result ? rowsToScore(memo.items, items) : undefined;
  const previous = memo.result;
  let result: RelatedMatch[][];
  if (rows === undefined || previous === undefined) result = relatedArticles(items, options);
  else if (rows.size === 0) result = previous;
  else result = relatedArticles(items, options, { rows, previous });
  Object.assign(memo, { options: key, items, result });
  return result;
}

/** The rows whose related list an edit from `before` to `after` can change, or undefined for all of them. */
export function rowsToScore(before: readonly RelatedInput[], after: readonly RelatedInput[]): Set<number> | undefined {
  if (before.length !== after.length) return undefined;
  const tags = new Set<string>();
  let edited = false;
  for (let i = 0; i < after.length; i++) {
    const a = before[i];
    const b = after[i];
    if (a === undefined || b === undefined) return undefined;
    if (a.url !== b.url || a.time !== b.time || a.source !== b.source || a.story !== b.story) return undefined;
    if (sameTags(a.tags, b.tags)) continue;
    edited = true;
    for (const tag of [...a.tags, ...b.tags]) tags.add(nameKey(tag));
  }
  const rows = new Set<number>();
  if (!edited) return rows;
  after.forEach((item, i) => {
    // Spelled before or after: both lists are reached.
    const own = [...(before[i]?.tags ?? []), ...item.tags];
    if (own.some((tag) => tags.has(nameKey(tag)))) rows.add(i);
  });
  return rows;
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((tag, i) => tag === b[i]));
}
