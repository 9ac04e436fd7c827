// Related articles for every article at once, from an inverted index of tags.
//
// Formula. For an article a and a candidate c that share at least one tag,
//
//   score(a, c) = Σ_{t ∈ tags(a) ∩ tags(c)} idf(t) / (1 + |days(a) − days(c)| / timeScaleDays)
//   idf(t)      = ln(1 + N / df(t))
//
// where N is the number of articles and df(t) the number carrying tag t: a rare shared tag counts
// for more than a common one, and a candidate close in time beats an equal one far away.
// Candidates are ranked by score (high first), then date (newer first), then URL, so the result is
// deterministic. An article has no related articles when no other article shares a tag with it.
//
// Complexity. Each tag's posting list is sorted by date once: O(N log N). For every (article, tag)
// pair we visit at most `window` neighbours in time on that tag's list, found by position, so scoring
// costs O(N × T × window) where T is the mean number of tags per article: linear in N. Without the
// window a tag on a fraction f of articles would cost (fN)², quadratic. The window is part of the
// definition: a candidate is scored only for the shared tags on whose lists it lies within `window`
// of the article. Far candidates have decayed weights, so this rarely changes a list; with a window
// larger than N the result is the exact formula (the tests compare it with a brute-force scorer).
import { nameKey } from "./article.ts";

/** The part of an article that relatedness depends on. */
export interface RelatedInput {
  url: string;
  /** Publication time in milliseconds since the epoch. */
  time: number;
  tags: readonly string[];
}

/** Tuning of the related-article scoring. */
export interface RelatedOptions {
  /** Most related articles kept per article. Default 5. */
  count: number;
  /** Days over which the time decay halves a shared tag's weight. Default 30. */
  timeScaleDays: number;
  /** Neighbours in time visited on each tag's list, on both sides together. Default 400. */
  window: number;
}

/** Defaults of the related-article scoring. */
export const relatedDefaults = { count: 5, timeScaleDays: 30, window: 400 } satisfies RelatedOptions;

/** One related article: its index in the input and the tags (as the candidate writes them) it shares. */
export interface RelatedMatch {
  index: number;
  score: number;
  sharedTags: string[];
}

const DAY_MS = 86_400_000;

/** Related articles for every input, by index; `result[i]` belongs to `items[i]`. */
export function relatedArticles(items: readonly RelatedInput[], options: Partial<RelatedOptions> = {}): RelatedMatch[][] {
  const { count, timeScaleDays, window } = { ...relatedDefaults, ...options };
  if (count === 0) return items.map(() => []);
  const keys = items.map((item) => [...new Set(item.tags.map(nameKey))]);
  const postings = new Map<string, number[]>();
  keys.forEach((list, i) => list.forEach((key) => postings.get(key)?.push(i) ?? postings.set(key, [i])));
  // Each posting list in time order, and each article's position in it, to find neighbours directly.
  const position = new Map<string, Map<number, number>>();
  for (const [key, list] of postings) {
    list.sort((a, b) => items[a]!.time - items[b]!.time || a - b);
    position.set(key, new Map(list.map((index, at) => [index, at])));
  }
  const idf = new Map([...postings].map(([key, list]) => [key, Math.log(1 + items.length / list.length)]));
  const half = Math.floor(window / 2);
  const scores = new Float64Array(items.length);
  const touched: number[] = [];

  return items.map((item, i) => {
    for (const key of keys[i]!) {
      const list = postings.get(key)!;
      const at = position.get(key)!.get(i)!;
      const weight = idf.get(key)!;
      const from = Math.max(0, at - half);
      const to = Math.min(list.length, at + half + 1);
      for (let p = from; p < to; p++) {
        const j = list[p]!;
        if (j === i) continue;
        if (scores[j] === 0) touched.push(j);
        scores[j]! += weight / (1 + Math.abs(item.time - items[j]!.time) / DAY_MS / timeScaleDays);
      }
    }
    const better = (a: RelatedMatch, b: RelatedMatch) =>
      b.score - a.score || items[b.index]!.time - items[a.index]!.time || compare(items[a.index]!.url, items[b.index]!.url);
    // Keep the best `count` by insertion: touched can hold thousands, count is a handful.
    const ranked: RelatedMatch[] = [];
    for (const j of touched) {
      const match = { index: j, score: scores[j]!, sharedTags: [] };
      if (ranked.length === count && better(match, ranked[count - 1]!) >= 0) continue;
      let at = ranked.length;
      while (at > 0 && better(match, ranked[at - 1]!) < 0) at--;
      ranked.splice(at, 0, match);
      if (ranked.length > count) ranked.pop();
    }
    for (const j of touched) scores[j] = 0;
    touched.length = 0;
    const own = new Set(keys[i]);
    return ranked.map((m) => ({ ...m, sharedTags: items[m.index]!.tags.filter((tag) => own.has(nameKey(tag))) }));
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
