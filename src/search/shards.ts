// How the search index is cut into shards: consecutive calendar months (UTC), oldest first, packed
// into shards of at most `size` articles. An edit changes one shard; a new article changes the newest.
import { createHash } from "node:crypto";
import type { Superseded } from "./overlay.ts";

/** Options of the sharded index. */
export interface ShardOptions {
  /** Most articles in one shard (one Pagefind run, one bundle the browser loads). Default 2500. */
  size: number;
}

/** Defaults of the sharded index. */
export const shardDefaults = { size: 2500 } satisfies ShardOptions;

/** One shard: its id (the month of its oldest article, `2025-08`, with `.2`, `.3` for a month cut in pieces) and its items, oldest first. */
export interface Shard<T> {
  id: string;
  items: T[];
}

/** What the search page reads from `shards.json`: each shard's folder and time span, newest shard first. */
export interface ShardEntry {
  /** Folder of the shard's Pagefind bundle, relative to the index folder, ending in `/`. */
  path: string;
  /** Instants (UTC ISO) of its oldest and newest article; empty for the shard of a site without articles. */
  from: string;
  to: string;
  articles: number;
  /** Results of this shard's bundle that the delta supersedes (see overlay.ts); absent when none. */
  superseded?: Superseded[];
  /** Only on the delta's entry, listed last: each of its results' fragment id and instant, oldest first. */
  overlay?: [id: string, instant: string][];
}

/**
 * Cuts `items` into shards by `instant` (a UTC ISO string, so that text order is time order).
 * Whole months are packed oldest first, so boundaries move only when a month's count does; a month
 * with more than `size` items is cut into pieces of `size`. Gives the shards oldest first.
 */
export function planShards<T>(
  items: readonly T[],
  instant: (item: T) => string,
  options: Partial<ShardOptions> = {},
): Shard<T>[] {
  const { size } = { ...shardDefaults, ...options };
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`shard size must be a whole number, 1 or more; got ${size}`);
  const dated = items.map((item) => ({ item, at: instant(item) }));
  // A stable sort: items of the same instant keep the order they came in.
  dated.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const months = new Map<string, T[]>();
  for (const { item, at } of dated) {
    const month = at.slice(0, 7);
    const list = months.get(month);
    if (list) list.push(item);
    else months.set(month, [item]);
  }
  const shards: Shard<T>[] = [];
  let open: Shard<T> | undefined;
  for (const [month, list] of months) {
    if (list.length > size) {
      open = undefined;
      for (let i = 0; i < list.length; i += size)
        shards.push({ id: i === 0 ? month : `${month}.${i / size + 1}`, items: list.slice(i, i + size) });
      continue;
    }
    if (open && open.items.length + list.length <= size) {
      open.items.push(...list);
      continue;
    }
    open = { id: month, items: [...list] };
    shards.push(open);
  }
  return shards;
}

/** The manifest the search page reads: shards newest first, so "newest first" is their order. */
export function shardEntries<T>(shards: readonly Shard<T>[], instant: (item: T) => string): ShardEntry[] {
  return shards
    .map((shard) => {
      const first = shard.items[0];
      const last = shard.items[shard.items.length - 1];
      return {
        path: `${shard.id}/`,
        from: first === undefined ? "" : instant(first),
        to: last === undefined ? "" : instant(last),
        articles: shard.items.length,
      };
    })
    .reverse();
}

/** SHA-256 of bytes, base64url: how the cache names and checks content. */
export function contentHash(content: Uint8Array | string): string {
  return createHash("sha256").update(content).digest("base64url");
}
