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
// Two rules across outlets (issue 16): items of the same story are never related to each other (the
// story's "Coverage" lists them), and at most `perSource` items from one outlet are kept: the result
// is the ranking's first `count` items once each outlet's items past its `perSource`th are skipped.
//
// Complexity. Each tag's posting list is sorted by date once: O(N log N). For every (article, tag)
// pair we visit at most `window` neighbours in time on that tag's list, found by position, so scoring
// costs O(N × T × window) where T is the mean number of tags per article: linear in N. Without the
// window a tag on a fraction f of articles would cost (fN)², quadratic. The window is part of the
// definition: a candidate is scored only for the shared tags on whose lists it lies within `window`
// of the article. Far candidates have decayed weights, so this rarely changes a list; with a window
// larger than N the result is the exact formula (the tests compare it with a brute-force scorer).
import { nameKey } from "../content/article.ts";

/** The part of an article that relatedness depends on. */
export interface RelatedInput {
  url: string;
  /** Publication time in milliseconds since the epoch. */
  time: number;
  tags: readonly string[];
  /** The outlet, for the per-outlet limit. */
  source?: string | undefined;
  /** The item's story (any id); items of one story are never related to each other. */
  story?: number | undefined;
}

/** Tuning of the related-article scoring. */
export interface RelatedOptions {
  /** Most related articles kept per article. Default 5. */
  count: number;
  /** Days over which the time decay halves a shared tag's weight. Default 30. */
  timeScaleDays: number;
  /** Neighbours in time visited on each tag's list, on both sides together. Default 200. */
  window: number;
  /** Most related articles from one outlet (by case-insensitive name). Default 2. */
  perSource: number;
}

/** Defaults of the related-article scoring. */
export const relatedDefaults = { count: 5, timeScaleDays: 30, window: 200, perSource: 2 } satisfies RelatedOptions;

/** One related article: its index in the input and the tags (as the candidate writes them) it shares. */
export interface RelatedMatch {
  index: number;
  score: number;
  sharedTags: string[];
}

const DAY_MS = 86_400_000;

/** Rows to score again, and the earlier result the other rows are taken from (see related-memo.ts). */
export interface RelatedRows {
  rows: ReadonlySet<number>;
  previous: readonly RelatedMatch[][];
}

/** Related articles for every input, by index; `result[i]` belongs to `items[i]`; rows outside `only` are reused. */
export function relatedArticles(
  items: readonly RelatedInput[],
  options: Partial<RelatedOptions> = {},
  only?: RelatedRows,
): RelatedMatch[][] {
  const { count, timeScaleDays, window, perSource } = { ...relatedDefaults, ...options };
  const outlets = items.map((item) => (item.source === undefined ? undefined : nameKey(item.source)));
  if (count === 0) return items.map(() => []);
  const keys = items.map((item) => [...new Set(item.tags.map(nameKey))]);
  const times = Float64Array.from(items, (item) => item.time);
  const urls = items.map((item) => item.url);
  const stories = items.map((item) => item.story);
  // `?? 0` and `?? ""` below read typed arrays at indexes in range by construction: a check that costs nothing,
  // where an assertion would hide a wrong index.
  const postings = new Map<string, number[]>();
  keys.forEach((list, i) => {
    for (const key of list) {
      const posting = postings.get(key);
      if (posting) posting.push(i);
      else postings.set(key, [i]);
    }
  });
  // Each posting list in time order, with its times beside it, and each article's position on the
  // lists of its own tags (aligned with keys[i]), so that neighbours are found directly.
  const lists = new Map<string, { articles: Int32Array; times: Float64Array; weight: number }>();
  const positions = keys.map((list) => new Int32Array(list.length));
  for (const [key, list] of postings) {
    list.sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
    const articles = Int32Array.from(list);
    lists.set(key, {
      articles,
      times: Float64Array.from(list, (j) => times[j] ?? 0),
      weight: Math.log(1 + items.length / list.length),
    });
    articles.forEach((j, at) => {
      const own = positions[j];
      if (own) own[keys[j]?.indexOf(key) ?? -1] = at;
    });
  }
  const half = Math.floor(window / 2);
  const scores = new Float64Array(items.length);
  const touched: number[] = [];
  // Is candidate a ranked before candidate b? Score, then newer, then URL.
  const before = (a: number, b: number) => {
    const sa = scores[a] ?? 0;
    const sb = scores[b] ?? 0;
    if (sa !== sb) return sa > sb;
    const ta = times[a] ?? 0;
    const tb = times[b] ?? 0;
    return ta !== tb ? ta > tb : (urls[a] ?? "") < (urls[b] ?? "");
  };

  return keys.map((own, i) => {
    const kept = only && !only.rows.has(i) ? only.previous[i] : undefined;
    if (kept) return kept;
    const time = times[i] ?? 0;
    const at = positions[i] ?? new Int32Array(0);
    const story = stories[i];
    own.forEach((key, k) => {
      const list = lists.get(key);
      if (!list) return;
      const here = at[k] ?? 0;
      const to = Math.min(list.articles.length, here + half + 1);
      for (let p = Math.max(0, here - half); p < to; p++) {
        const j = list.articles[p] ?? i;
        if (j === i || (story !== undefined && stories[j] === story)) continue;
        const score = scores[j] ?? 0;
        if (score === 0) touched.push(j);
        scores[j] = score + list.weight / (1 + Math.abs(time - (list.times[p] ?? 0)) / DAY_MS / timeScaleDays);
      }
    });
    // Keep the best `count` by insertion: touched can hold thousands, count is a handful. An outlet
    // with `perSource` items kept already gives way only to its own better item: the result is the
    // ranking's first `count` items with no outlet more than `perSource` times.
    const ranked: number[] = [];
    for (const j of touched) {
      const last = ranked[count - 1];
      if (last !== undefined && !before(j, last)) continue;
      const outlet = outlets[j];
      if (outlet !== undefined) {
        const same = ranked.filter((k) => outlets[k] === outlet);
        if (same.length >= perSource) {
          const worst = same[same.length - 1];
          if (worst === undefined || !before(j, worst)) continue;
          ranked.splice(ranked.indexOf(worst), 1);
        }
      }
      let at = ranked.length;
      // `?? j` never applies (at > 0), and before(j, j) is false.
      while (at > 0 && before(j, ranked[at - 1] ?? j)) at--;
      ranked.splice(at, 0, j);
      if (ranked.length > count) ranked.pop();
    }
    const result = ranked.map((j) => ({
      index: j,
      score: scores[j] ?? 0,
      // Copied at its length: filter's result keeps room to grow (see fromColumns in related-columns.ts).
      sharedTags: items[j]?.tags.filter((tag) => own.includes(nameKey(tag))).slice() ?? [],
    }));
    for (const j of touched) scores[j] = 0;
    touched.length = 0;
    return result;
  });
}
