// The edit overlay: a shard whose articles changed a little keeps its bundle, and its changed
// articles go into one small *delta* bundle beside the shards; the manifest names the results of the
// shard that the delta supersedes (edited, deleted or moved away), which the search page drops. A
// shard that changed much, or the shards that changed most once the delta is full, are indexed
// again instead (compaction), which is what a clean build would make of them.

/** Options of the overlay. */
export interface OverlayOptions {
  /** Most articles the delta holds; past it, the shards with most changes are indexed again. Default 500. */
  most: number;
  /** Changes (articles added, edited, removed) a shard takes as overlay, as a share of the shard size or of its articles if fewer, and at least one. Default 0.1. */
  share: number;
}

/** Defaults of the overlay. */
export const overlayDefaults = { most: 500, share: 0.1 } satisfies OverlayOptions;

/** What a bundle holds of each article, by URL: the key of its record, its fragment's id, its filters. */
export type DocTable = Record<string, [key: string, id: string, filters: Record<string, string[]>]>;

/** A result of a shard the delta supersedes: its fragment id and the filters it counts in. */
export type Superseded = [id: string, filters: Record<string, string[]>];

/** One shard of the plan and what its published bundle holds, if one is there intact. */
export interface ShardState<T> {
  items: readonly T[];
  key: string;
  /** The intact bundle of this shard in the output: the key it was made for and its articles. */
  published?: { key: string; docs?: DocTable | undefined } | undefined;
}

/** What to do with a shard: keep its bundle, keep it under the overlay, or index it again. */
export type Decision<T> =
  | { mode: "keep" }
  | { mode: "overlay"; changed: T[]; superseded: Superseded[] }
  | { mode: "index" };

/**
 * Decides, shard by shard, how an index is brought up to date. `article` gives an item's URL and
 * the key of its record; `size` is the shard size the overlay's share is taken of.
 */
export function planOverlay<T>(
  shards: readonly ShardState<T>[],
  article: (item: T) => { url: string; key: string },
  size: number,
  options: Partial<OverlayOptions> = {},
): Decision<T>[] {
  const { most, share } = { ...overlayDefaults, ...options };
  const decisions: Decision<T>[] = shards.map((shard) => {
    const published = shard.published;
    if (published?.key === shard.key) return { mode: "keep" };
    if (!published?.docs) return { mode: "index" };
    const docs = published.docs;
    const changed: T[] = [];
    const superseded: Superseded[] = [];
    const present = new Set<string>();
    for (const item of shard.items) {
      const { url, key } = article(item);
      present.add(url);
      const doc = docs[url];
      if (doc?.[0] === key) continue;
      changed.push(item);
      if (doc) superseded.push([doc[1], doc[2]]);
    }
    let removed = 0;
    for (const [url, doc] of Object.entries(docs))
      if (!present.has(url)) {
        superseded.push([doc[1], doc[2]]);
        removed++;
      }
    // Past its share of the shard's own articles too: a shard that changed throughout (the code's
    // version, a setting) is cheaper indexed again than carried whole in the delta.
    return changed.length + removed > Math.max(1, share * Math.min(size, shard.items.length))
      ? { mode: "index" }
      : { mode: "overlay", changed, superseded };
  });
  // The delta past its limit: the shards that put most into it are indexed again, until it fits.
  const overlaid = decisions
    .map((decision, at) => ({ decision, at }))
    .filter((d) => d.decision.mode === "overlay")
    .sort((a, b) => count(b.decision) - count(a.decision) || a.at - b.at);
  let total = overlaid.reduce((sum, d) => sum + count(d.decision), 0);
  for (const { decision, at } of overlaid) {
    if (total <= most) break;
    total -= count(decision);
    decisions[at] = { mode: "index" };
  }
  return decisions;
}

const count = <T>(decision: Decision<T>) => (decision.mode === "overlay" ? decision.changed.length : 0);
