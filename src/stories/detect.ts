// Story detection: groups the items that report the same event.
//
// Method (chosen by `npm run eval:stories`, which compares it with single-link, average-link and
// MinHash on test/fixtures/stories/). Each item is a TF-IDF vector of its headline (twice), summary
// and first paragraph, names and numbers weighted up (vectors.ts). Items are taken in time order (then
// by key, so the result does not depend on file order). An item is compared with the earlier items
// inside `windowDays` that share at least one distinctive term, found through an inverted index; a
// pair's score is the cosine × 1 / (1 + Δdays / timeScaleDays), × `sameSourceFactor` when both come
// from one outlet (an outlet repeats its own boilerplate: roundups, series titles). With
// "single-link" (the default) every pair scoring at least `threshold` joins its two stories, so a
// developing story grows day by day; a story never spans more than `maxSpanDays`, which stops a
// recurring topic from chaining into one endless story.
//
// Complexity. Vectors: O(total words). Candidates: each item walks, for each of its T terms, the
// posting list back to the window's start; terms on more than `maxShare` of all items are not walked
// (they are in every window and rare in none). With W items per window that is O(N × T × W'),
// W' ≤ W the items sharing a distinctive term, and each candidate's cosine costs O(T): linear in N
// for a steady flow of news. Sorting is O(N log N).
import { buildVectors, overlap, type VectorOptions, type Vectors } from "./vectors.ts";
import { itemTerms, type StoryText, type TermCounts } from "./features.ts";

/** What detection reads of one article. */
export interface StoryItem {
  /** A unique, stable key (the article's URL); ties in time are ordered by it. */
  key: string;
  /** Publication time in milliseconds since the epoch. */
  time: number;
  source?: string | undefined;
  text: StoryText;
  /** The author's `story:` field: a story id to join, or false to stay alone. */
  story?: string | false | undefined;
  /** The author's `storyLead: true`: this item leads its story. */
  lead?: boolean | undefined;
}

/** How items are linked into stories. */
export interface DetectOptions extends VectorOptions {
  /** "single-link" (default), "best-link" (only the best earlier candidate) or "average-link"; see the file header. */
  method: "best-link" | "single-link" | "average-link";
  /** Lowest pair score that links two items. Default 0.35. */
  threshold: number;
  /** Only items at most this many days apart are compared. Default 4. */
  windowDays: number;
  /** Days over which the time decay halves a pair's score. Default 3. */
  timeScaleDays: number;
  /** Factor on the score of two items from the same outlet. Default 0.7. */
  sameSourceFactor: number;
  /** Fewest terms two items must share to be compared at all. Default 3. */
  minShared: number;
  /** Longest time from a story's first item to any other, in days. Default 7. */
  maxSpanDays: number;
  /** Terms on more than this share of all items (and more than 50 items) find no candidates. Default 0.02. */
  maxShare: number;
}

/** Defaults of story detection, as tuned on the evaluation set. */
export const detectDefaults = {
  method: "single-link",
  maxSpanDays: 7,
  minShared: 3,
  threshold: 0.35,
  windowDays: 4,
  timeScaleDays: 3,
  sameSourceFactor: 0.7,
  maxShare: 0.02,
  nameBoost: 2,
  numberBoost: 1.5,
  minCorpus: 1000,
} satisfies DetectOptions;

/** An earlier item compared with a later one, and their score. */
export interface Candidate {
  /** Index of the earlier item in the input. */
  index: number;
  cosine: number;
  score: number;
}

const DAY_MS = 86_400_000;

/** Input indexes in time order, ties by key: the order every step works in. */
export function timeOrder(items: readonly StoryItem[]): number[] {
  return Array.from(items.keys()).sort((a, b) => {
    const x = items[a];
    const y = items[b];
    if (x === undefined || y === undefined) return a - b; // not reached: a and b are indexes of items
    return x.time - y.time || (x.key < y.key ? -1 : 1);
  });
}

/** For each item (by input index), its scored earlier candidates, and the vectors they came from. */
export function candidatePairs(
  items: readonly StoryItem[],
  options: DetectOptions,
  terms: (text: StoryText) => TermCounts = itemTerms,
): { candidates: Candidate[][]; vectors: Vectors; order: number[] } {
  const vectors = buildVectors(
    items.map((i) => i.text),
    options,
    terms,
  );
  const order = timeOrder(items);
  const rank = new Int32Array(items.length);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  const cap = Math.max(50, options.maxShare * items.length);
  const postings = new Map<number, number[]>();
  const seen = new Int32Array(items.length).fill(-1);
  const candidates: Candidate[][] = items.map(() => []);
  const window = options.windowDays * DAY_MS;
  for (const i of order) {
    const item = items[i];
    const vector = vectors.vectors[i];
    const mine = candidates[i];
    if (item === undefined || vector === undefined || mine === undefined || item.story === false) continue;
    for (const t of vector.terms) {
      if ((vectors.df[t] ?? 0) > cap) continue;
      const list = postings.get(t);
      if (!list) {
        postings.set(t, [i]);
        continue;
      }
      for (let p = list.length - 1; p >= 0; p--) {
        const j = list[p];
        if (j === undefined) continue;
        const earlier = items[j];
        const earlierVector = vectors.vectors[j];
        if (earlier === undefined || earlierVector === undefined) continue;
        const gap = item.time - earlier.time;
        if (gap > window) break;
        if (seen[j] === i) continue;
        seen[j] = i;
        const { cosine: cos, shared } = overlap(vector, earlierVector);
        // Two short texts can agree on one or two words by chance ("Title a", "Title b").
        if (shared < options.minShared) continue;
        const same = item.source !== undefined && item.source === earlier.source;
        const score = (cos / (1 + gap / DAY_MS / options.timeScaleDays)) * (same ? options.sameSourceFactor : 1);
        mine.push({ index: j, cosine: cos, score });
      }
      list.push(i);
    }
    // Best first, then the earlier item: the same order whatever the order of the input.
    mine.sort((a, b) => b.score - a.score || (rank[a.index] ?? 0) - (rank[b.index] ?? 0));
  }
  return { candidates, vectors, order };
}
