// The search index as shards (see shards.ts): one Pagefind bundle per shard under the index folder,
// `shards.json` listing them newest first, and the JS API at the top. Only shards whose records
// changed are indexed again, one at a time, so Pagefind's memory is that of one shard.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ArticlePage, Digest } from "../digest/view-model.ts";
import type { Publisher } from "../publish/publisher.ts";
import { pagesKey, publishedInstant, searchable, searchLanguage, searchRecord } from "./records.ts";
import { indexFiles, searchIndexDefaults, type SearchFile, type SearchIndexOptions } from "./run-pagefind.ts";
import {
  readSearchCache,
  type SearchCacheState,
  type ShardRecord,
  shardIntact,
  writeSearchCache,
} from "./shard-cache.ts";
import { contentHash, planShards, type Shard, shardEntries } from "./shards.ts";

/** The manifest of the shards, at the top of the index folder. */
export const SHARDS_FILE = "shards.json";
/** The JS API the search page imports: the same file in every shard, copied to the top of the index folder. */
export const API_FILE = "pagefind.js";

/** Options of a published index. */
export interface PublishOptions extends SearchIndexOptions {
  /** Where one-line notices go (a damaged cache, a changed output file). Default `console.warn`. */
  notice: (line: string) => void;
}

/** Defaults of a published index. */
export const publishDefaults = {
  ...searchIndexDefaults,
  notice: (line: string) => console.warn(line),
} satisfies PublishOptions;

/** The shards of `digest`'s searchable articles, oldest first; one empty shard when there are none, so search still loads. */
export function digestShards(digest: Digest): Shard<ArticlePage>[] {
  const shards = planShards(searchable(digest), publishedInstant, { size: digest.settings.searchShardSize });
  return shards.length > 0 ? shards : [{ id: "empty", items: [] }];
}

/** Pagefind's files for one shard. */
export function indexShard(digest: Digest, shard: Shard<ArticlePage>, options: Partial<SearchIndexOptions>) {
  const language = searchLanguage(digest.settings.language);
  return indexFiles(
    shard.items.map((page) => searchRecord(page, language)),
    options,
  );
}

/** What a shard's key covers besides its records: the code, the index folder, bundling, the language. */
export const keyBase = (digest: Digest, version: string, options: Partial<SearchIndexOptions>, folder: string) =>
  JSON.stringify([version, folder, options.maxFragments, digest.settings.language]);

/** A published index: its size, how many shards it has and how many were indexed again. */
export interface PublishedIndex {
  files: number;
  bytes: number;
  /** Whether Pagefind ran at all (false when every shard was kept). */
  ran: boolean;
  /** Shards in the index, and how many were indexed again (absent when search is off). */
  shards?: number;
  reindexed?: number;
  /** Records this index in the cache; call it once the output is committed. */
  save(): Promise<void>;
}

/**
 * Publishes the index of `digest` into `publisher`: a shard whose key equals the cached one and whose
 * files in the output still have their recorded hashes is kept as it is; any other is indexed again.
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
  const next: SearchCacheState = { shards: {} };
  const shards = digestShards(digest);
  let files = 0;
  let bytes = 0;
  let reindexed = 0;
  let api: Uint8Array | undefined;
  for (const shard of shards) {
    const dir = `${o.folder}${shard.id}/`;
    const key = pagesKey(shard.items, base);
    let record: ShardRecord | undefined = cached.shards[shard.id];
    if (record?.key === key) {
      const state = await shardIntact(join(publisher.outDir, dir), record);
      if (state === "changed")
        o.notice(`${dir} in the output is not as it was built; that search shard is indexed again.`);
      if (state !== "intact" || !publisher.keepAll(record.files.map(([path]) => `${dir}${path}`))) record = undefined;
    } else record = undefined;
    if (!record) {
      const made = await indexShard(digest, shard, o);
      for (const file of made) publisher.add(`${dir}${file.path}`, file.content);
      record = { key, files: made.map((f) => [f.path, contentHash(f.content)]), bytes: total(made) };
      api ??= made.find((file) => file.path === API_FILE)?.content;
      reindexed++;
    }
    next.shards[shard.id] = record;
    files += record.files.length;
    bytes += record.bytes;
  }
  // Every shard holds the same API file; when none was indexed, the newest one's was just checked in the output.
  const newest = shards[shards.length - 1] as Shard<ArticlePage>;
  api ??= await readFile(join(publisher.outDir, `${o.folder}${newest.id}/${API_FILE}`));
  const manifest = Buffer.from(JSON.stringify(shardEntries(shards, publishedInstant)));
  publisher.add(`${o.folder}${API_FILE}`, api);
  publisher.add(`${o.folder}${SHARDS_FILE}`, manifest);
  return {
    files: files + 2,
    bytes: bytes + api.byteLength + manifest.byteLength,
    ran: reindexed > 0,
    shards: shards.length,
    reindexed,
    save: () => writeSearchCache(cacheFile, next),
  };
}

const total = (files: readonly SearchFile[]) => files.reduce((sum, file) => sum + file.content.byteLength, 0);
