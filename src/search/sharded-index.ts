// The search index as shards (see shards.ts): one Pagefind bundle per shard under the index folder,
// `shards.json` listing them newest first, and the JS API at the top. Only shards whose records
// changed are indexed again, one at a time, so Pagefind's memory is that of one shard.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ArticlePage, Digest } from "../digest/view-model.ts";
import type { Publisher } from "../publish/publisher.ts";
import { FACETS_FILE } from "./facets.ts";
import type { OverlayOptions } from "./overlay.ts";
import { searchIndexDefaults, type SearchIndexOptions } from "./run-pagefind.ts";
import { readSearchCache, shardIntact, writeSearchCache } from "./shard-cache.ts";
import type { Shard } from "./shards.ts";
import { API_FILE, digestShards, keyBase, updateIndex } from "./update-index.ts";

export { API_FILE, DELTA_ID, digestShards, indexShard, keyBase } from "./update-index.ts";

/** The manifest of the shards, at the top of the index folder. */
export const SHARDS_FILE = "shards.json";
/** Options of a published index. */
export interface PublishOptions extends SearchIndexOptions {
  /** Where one-line notices go (a damaged cache, a changed output file). Default `console.warn`. */
  notice: (line: string) => void;
  /** When a shard takes its changes as overlay rather than being indexed again (see overlay.ts). */
  overlay?: Partial<OverlayOptions>;
}

/** Defaults of a published index. */
export const publishDefaults = {
  ...searchIndexDefaults,
  notice: (line: string) => console.warn(line),
} satisfies PublishOptions;

/** A published index: its size, how many shards it has and how many were indexed again. */
export interface PublishedIndex {
  files: number;
  bytes: number;
  /** Whether Pagefind ran at all (false when every shard was kept). */
  ran: boolean;
  /** Shards in the index, and how many were indexed again (absent when search is off). */
  shards?: number;
  reindexed?: number;
  /** Articles in the delta bundle of the edit overlay (absent when search is off). */
  delta?: number;
  /** Records this index in the cache; call it once the output is committed. */
  save(): Promise<void>;
}

/**
 * Publishes the index of `digest` into `publisher`. A shard is kept when its key equals the cached
 * one and its files in the output still have their recorded hashes; kept under the edit overlay when
 * only a few of its articles changed (they go into the delta bundle, see overlay.ts); else indexed again.
 */
export async function publishSearchIndex(
  digest: Digest,
  publisher: Publisher,
  cacheFile: string,
  version: string,
  options: Partial<PublishOptions> = {},
): Promise<PublishedIndex> {
  const o = { ...publishDefaults, ...options };
  const base = keyBase(digest, version, options, o.folder);
  const cached = await readSearchCache(cacheFile, o.notice);
  const shards = digestShards(digest);
  const updated = await updateIndex(digest, shards, cached, base, o, {
    // A bundle is usable only when every file of it in the output is as it was made.
    async usable(id, record) {
      if (!record) return undefined;
      const state = await shardIntact(join(publisher.outDir, `${o.folder}${id}/`), record, cached.written);
      if (state === "changed")
        o.notice(`${o.folder}${id}/ in the output is not as it was built; that search shard is indexed again.`);
      return state === "intact" ? record : undefined;
    },
    keep: (id, record) => publisher.keepAll(record.files.map(([path]) => `${o.folder}${id}/${path}`)),
    async write(id, files) {
      for (const file of files) publisher.add(`${o.folder}${id}/${file.path}`, file.content);
    },
  });
  const { state: next, reindexed } = updated;
  let api = updated.api;
  // Every shard holds the same API file; when none was indexed, the newest one's was just checked in the output.
  const newest = shards[shards.length - 1] as Shard<ArticlePage>;
  api ??= await readFile(join(publisher.outDir, `${o.folder}${newest.id}/${API_FILE}`));
  const manifest = Buffer.from(JSON.stringify(updated.entries));
  const facets = Buffer.from(JSON.stringify(updated.facets));
  publisher.add(`${o.folder}${API_FILE}`, api);
  publisher.add(`${o.folder}${SHARDS_FILE}`, manifest);
  publisher.add(`${o.folder}${FACETS_FILE}`, facets);
  const bundles = [...Object.values(next.shards), ...(next.delta ? [next.delta] : [])];
  return {
    files: bundles.reduce((sum, r) => sum + r.files.length, 3),
    bytes: bundles.reduce((sum, r) => sum + r.bytes, api.byteLength + manifest.byteLength + facets.byteLength),
    ran: reindexed > 0,
    shards: shards.length,
    reindexed,
    delta: updated.delta,
    save: () => writeSearchCache(cacheFile, next),
  };
}
