// The search index as shards (see shards.ts): one Pagefind bundle per shard under the index folder,
// `shards.json` listing them newest first, and the JS API at the top. Only shards whose records
// changed are indexed again, one at a time, so Pagefind's memory is that of one shard.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ArticlePage, Digest } from "../digest/view-model.ts";
import type { Publisher } from "../publish/publisher.ts";
import { indexedDocs } from "./fragments.ts";
import { type DocTable, type OverlayOptions, planOverlay } from "./overlay.ts";
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
  /** When a shard takes its changes as overlay rather than being indexed again (see overlay.ts). */
  overlay?: Partial<OverlayOptions>;
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
  /** Articles in the delta bundle of the edit overlay (absent when search is off). */
  delta?: number;
  /** Records this index in the cache; call it once the output is committed. */
  save(): Promise<void>;
}

/** Folder of the delta bundle in the index folder: not a month, so never a shard's id. */
export const DELTA_ID = "delta";

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
  const next: SearchCacheState = { shards: {} };
  const shards = digestShards(digest);
  const article = (page: ArticlePage) => ({ url: page.teaser.url, key: pagesKey([page], base) });
  // A bundle is usable only when every file of it in the output is as it was made.
  const usable = async (dir: string, record: ShardRecord | undefined) => {
    if (!record) return undefined;
    const state = await shardIntact(join(publisher.outDir, `${o.folder}${dir}/`), record);
    if (state === "changed")
      o.notice(`${o.folder}${dir}/ in the output is not as it was built; that search shard is indexed again.`);
    return state === "intact" ? record : undefined;
  };
  const states = [];
  for (const shard of shards) {
    const key = pagesKey(shard.items, base);
    states.push({ items: shard.items, key, published: await usable(shard.id, cached.shards[shard.id]) });
  }
  const decisions = planOverlay(states, article, digest.settings.searchShardSize, o.overlay);
  let reindexed = 0;
  let api: Uint8Array | undefined;
  /** Indexes `items` into the bundle `id`, adding its files to the output; gives its record. */
  const index = async (id: string, items: readonly ArticlePage[], key: string): Promise<ShardRecord> => {
    const made = await indexShard(digest, { id, items: [...items] }, o);
    for (const file of made) publisher.add(`${o.folder}${id}/${file.path}`, file.content);
    api ??= made.find((file) => file.path === API_FILE)?.content;
    reindexed++;
    const keys = new Map(items.map((page) => [page.teaser.url, article(page).key]));
    const docs: DocTable = {};
    for (const doc of indexedDocs(made)) docs[doc.url] = [keys.get(doc.url) ?? "", doc.id, doc.filters];
    return { key, files: made.map((f) => [f.path, contentHash(f.content)]), bytes: total(made), docs };
  };
  /** Keeps the published bundle `id` in the output, if the publisher still has all of it. */
  const keep = (id: string, record: ShardRecord | undefined) =>
    record && publisher.keepAll(record.files.map(([path]) => `${o.folder}${id}/${path}`)) ? record : undefined;
  // Oldest first here, as the shards are.
  const entries = shardEntries(shards, publishedInstant).reverse();
  const changed: ArticlePage[] = [];
  for (const [at, shard] of shards.entries()) {
    const decision = decisions[at];
    const state = states[at];
    let record = decision?.mode === "index" ? undefined : keep(shard.id, state?.published);
    const entry = entries[at];
    if (record && decision?.mode === "overlay") {
      changed.push(...decision.changed);
      if (entry && decision.superseded.length > 0) entry.superseded = decision.superseded;
    }
    record ??= await index(shard.id, shard.items, state?.key ?? "");
    next.shards[shard.id] = record;
  }
  // The manifest lists the shards newest first (the browser relies on it), then the delta.
  entries.reverse();
  const delta = changed.sort((a, b) => (publishedInstant(a) < publishedInstant(b) ? -1 : 1));
  if (delta.length > 0) {
    const key = pagesKey(delta, base);
    const published = cached.delta?.key === key ? keep(DELTA_ID, await usable(DELTA_ID, cached.delta)) : undefined;
    next.delta = published ?? (await index(DELTA_ID, delta, key));
    const docs = next.delta.docs ?? {};
    const overlay = delta.map((page): [string, string] => [docs[page.teaser.url]?.[1] ?? "", publishedInstant(page)]);
    const [entry] = shardEntries([{ id: DELTA_ID, items: delta }], publishedInstant);
    if (entry) entries.push({ ...entry, overlay });
  }
  // Every shard holds the same API file; when none was indexed, the newest one's was just checked in the output.
  const newest = shards[shards.length - 1] as Shard<ArticlePage>;
  api ??= await readFile(join(publisher.outDir, `${o.folder}${newest.id}/${API_FILE}`));
  const manifest = Buffer.from(JSON.stringify(entries));
  publisher.add(`${o.folder}${API_FILE}`, api);
  publisher.add(`${o.folder}${SHARDS_FILE}`, manifest);
  const bundles = [...Object.values(next.shards), ...(next.delta ? [next.delta] : [])];
  return {
    files: bundles.reduce((sum, r) => sum + r.files.length, 2),
    bytes: bundles.reduce((sum, r) => sum + r.bytes, api.byteLength + manifest.byteLength),
    ran: reindexed > 0,
    shards: shards.length,
    reindexed,
    delta: delta.length,
    save: () => writeSearchCache(cacheFile, next),
  };
}

const total = (files: readonly SearchFile[]) => files.reduce((sum, file) => sum + file.content.byteLength, 0);
