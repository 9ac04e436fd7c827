// The method story detection was compared with: MinHash signatures of each item's term set, banded
// into LSH buckets, single-link over pairs whose estimated Jaccard similarity reaches a threshold.
// Kept for `npm run eval:stories`; the site uses detect.ts (paraphrases share few exact words, so
// Jaccard on word sets misses many reports of one event that TF-IDF with name weights finds).
import { itemTerms } from "./features.ts";
import { timeOrder, type StoryItem } from "./detect.ts";

/** Tuning of the MinHash method. */
export interface MinHashOptions {
  /** Hash functions per signature. Default 64. */
  hashes: number;
  /** Rows per LSH band (hashes / rows bands). Default 2. */
  rows: number;
  /** Lowest estimated Jaccard similarity that links two items. Default 0.2. */
  threshold: number;
  /** Only items at most this many days apart are linked. Default 4. */
  windowDays: number;
}

/** Defaults of the MinHash method. */
export const minHashDefaults = { hashes: 64, rows: 2, threshold: 0.2, windowDays: 4 } satisfies MinHashOptions;

/** A cluster label per item (the key of its cluster's earliest item). */
export function minHashClusters(items: readonly StoryItem[], options: Partial<MinHashOptions> = {}): string[] {
  const { hashes, rows, threshold, windowDays } = { ...minHashDefaults, ...options };
  const signatures = items.map((item) => signature([...itemTerms(item.text).keys()], hashes));
  const order = timeOrder(items);
  const parent = Int32Array.from(order.keys());
  const find = (r: number): number => (parent[r] === r ? r : (parent[r] = find(parent[r] ?? r)));
  const buckets = new Map<string, number[]>();
  for (let r = 0; r < order.length; r++) {
    const i = order[r];
    if (i === undefined) continue;
    const item = items[i];
    const sig = signatures[i];
    if (item === undefined || sig === undefined) continue;
    for (let b = 0; b + rows <= hashes; b += rows) {
      const key = `${b}:${Array.from(sig.subarray(b, b + rows)).join(",")}`;
      const bucket = buckets.get(key) ?? [];
      for (const s of bucket) {
        const j = order[s];
        if (j === undefined) continue;
        const other = items[j];
        const otherSig = signatures[j];
        if (other === undefined || otherSig === undefined) continue;
        if (item.time - other.time > windowDays * 86_400_000) continue;
        if (estimate(sig, otherSig) >= threshold) parent[find(r)] = find(s);
      }
      bucket.push(r);
      buckets.set(key, bucket);
    }
  }
  const labels: string[] = new Array(items.length);
  order.forEach((i, r) => {
    const root = items[order[find(r)] ?? i];
    if (root) labels[i] = root.key;
  });
  return labels;
}

function signature(terms: readonly string[], hashes: number): Uint32Array {
  const sig = new Uint32Array(hashes).fill(0xffffffff);
  for (const term of terms) {
    const h = fnv(term);
    for (let k = 0; k < hashes; k++) {
      // A family of hash functions from one: multiply and mix with a different odd constant each.
      const v = Math.imul(h ^ Math.imul(k + 1, 0x9e3779b1), 0x85ebca6b + 2 * k) >>> 0;
      const mixed = (v ^ (v >>> 13)) >>> 0;
      if (mixed < (sig[k] ?? 0)) sig[k] = mixed;
    }
  }
  return sig;
}

function estimate(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < a.length; k++) if (a[k] === b[k]) same++;
  return same / a.length;
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
