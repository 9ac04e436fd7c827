// TF-IDF vectors of news items, and the candidates an item is compared with: those sharing a
// distinctive term inside a time window, found through an inverted index.
import { itemTerms, type StoryText, type TermCounts } from "./features.ts";

/** One item's sparse unit vector: term ids ascending, with their weights. */
export interface Vector {
  terms: Int32Array;
  weights: Float64Array;
}

/** How terms are weighted. */
export interface VectorOptions {
  /** Weight multiplier of names (capitalised words inside a sentence). Default 2. */
  nameBoost: number;
  /** Weight multiplier of numbers. Default 1.5. */
  numberBoost: number;
  /** Corpus size assumed at least, in the idf: a small site's few items are not all the news. Default 1000. */
  minCorpus: number;
}

/** Every item's vector and the vocabulary they index into. */
export interface Vectors {
  vectors: Vector[];
  /** Term by id, for explanations. */
  vocabulary: string[];
  /** Items carrying each term, by term id. */
  df: Int32Array;
}

/**
 * TF-IDF unit vectors: weight = (1 + ln tf) × ln(1 + max(N, minCorpus) / df) × boost of the term's kind.
 * Without the floor, on a site of six items that all report one event, the event's own words would
 * be the commonest and weigh least, and each outlet's name the most. `countTerms` counts a text's
 * terms (the dev server passes one that remembers each text's counts between rebuilds).
 */
export function buildVectors(
  texts: readonly StoryText[],
  options: VectorOptions,
  countTerms: (text: StoryText) => TermCounts = itemTerms,
): Vectors {
  const ids = new Map<string, number>();
  const vocabulary: string[] = [];
  const counted = texts.map((text) => {
    const counts = countTerms(text);
    const terms = new Int32Array(counts.size);
    const tf = new Float64Array(counts.size);
    let k = 0;
    for (const [term, count] of counts) {
      let id = ids.get(term);
      if (id === undefined) {
        ids.set(term, (id = vocabulary.length));
        vocabulary.push(term);
      }
      terms[k] = id;
      tf[k++] = count;
    }
    return { terms, tf };
  });
  const df = new Int32Array(vocabulary.length);
  for (const { terms } of counted) for (const t of terms) df[t] = (df[t] ?? 0) + 1;
  const boosts = Float64Array.from(vocabulary, (term) =>
    term.startsWith("n:") ? options.nameBoost : term.startsWith("#:") ? options.numberBoost : 1,
  );
  const n = Math.max(texts.length, options.minCorpus);
  const idf = Float64Array.from(df, (d) => Math.log(1 + n / d));
  const vectors = counted.map(({ terms, tf }) => {
    // Sorted by term id through one numeric sort of (id, position) packed in a double: no comparator.
    const keys = new Float64Array(terms.length);
    for (let k = 0; k < terms.length; k++) keys[k] = (terms[k] ?? 0) * PACK + k;
    keys.sort();
    const sorted = new Int32Array(terms.length);
    const weights = new Float64Array(terms.length);
    let norm = 0;
    for (let k = 0; k < keys.length; k++) {
      const at = (keys[k] ?? 0) % PACK;
      const t = terms[at] ?? 0;
      const w = (1 + Math.log(tf[at] ?? 0)) * (idf[t] ?? 0) * (boosts[t] ?? 0);
      sorted[k] = t;
      weights[k] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] ?? 0) / norm;
    return { terms: sorted, weights };
  });
  return { vectors, vocabulary, df };
}

// Positions within one item's term list fit below this (an item has far fewer distinct terms).
const PACK = 1 << 20;

/** Cosine of two unit vectors and how many terms they share: a merge of their sorted term lists, O(|a| + |b|). */
export function overlap(a: Vector, b: Vector): { cosine: number; shared: number } {
  let sum = 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length; ) {
    const x = a.terms[i] ?? 0;
    const y = b.terms[j] ?? 0;
    if (x === y) {
      sum += (a.weights[i++] ?? 0) * (b.weights[j++] ?? 0);
      shared++;
    } else if (x < y) i++;
    else j++;
  }
  return { cosine: sum, shared };
}

/** Each shared term's share of the cosine, largest first: why two items look alike. */
export function sharedTerms(a: Vector, b: Vector, vocabulary: readonly string[]): [string, number][] {
  const shared: [string, number][] = [];
  for (let i = 0, j = 0; i < a.terms.length && j < b.terms.length; ) {
    const x = a.terms[i] ?? 0;
    const y = b.terms[j] ?? 0;
    if (x === y) shared.push([vocabulary[x] ?? "", (a.weights[i++] ?? 0) * (b.weights[j++] ?? 0)]);
    else if (x < y) i++;
    else j++;
  }
  return shared.sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1));
}
