// Brings a sharded index up to date wherever it is written (the build's Publisher, the dev server's
// folder): each shard kept, kept under the edit overlay (its changed articles into the delta bundle),
// or indexed again, as overlay.ts decides; gives the new record of every bundle and the manifest.
import type { ArticlePage, Digest } from "../digest/view-model.ts";
import { type FacetCounts, facetCounts } from "./facets.ts";
import { indexedDocs } from "./fragments.ts";
import { type DocTable, type OverlayOptions, planOverlay } from "./overlay.ts";
import { pagesKey, publishedInstant, searchable, searchFilters, searchLanguage, searchRecord } from "./records.ts";
import { indexFiles, type SearchFile, type SearchIndexOptions, searchIndexDefaults } from "./run-pagefind.ts";
import type { SearchCacheState, ShardRecord } from "./shard-cache.ts";
import { contentHash, planShards, type Shard, type ShardEntry, shardEntries } from "./shards.ts";

/** The JS API the search page imports: the same file in every shard, copied to the top of the index folder. */
export const API_FILE = "pagefind.js";
/** Folder of the delta bundle in the index folder: not a month, so never a shard's id. */
export const DELTA_ID = "delta";

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

/** What a shard's key covers besides its records: the code, the index folder, bundling, chunking, the language. */
export const keyBase = (digest: Digest, version: string, options: Partial<SearchIndexOptions>, folder: string) =>
  JSON.stringify([
    version,
    folder,
    options.maxFragments,
    options.chunkBytes ?? searchIndexDefaults.chunkBytes,
    digest.settings.language,
  ]);

/** Where the bundles are: which published ones can be trusted, kept, and how new ones are written. */
export interface IndexTarget {
  /** `record` if bundle `id`'s files are there as it records, else undefined. */
  usable(id: string, record: ShardRecord | undefined): Promise<ShardRecord | undefined>;
  /** Keeps bundle `id` as it is; false when it cannot. */
  keep(id: string, record: ShardRecord): boolean;
  /** Writes the files of bundle `id`. */
  write(id: string, files: readonly SearchFile[]): Promise<void>;
}

/** An index brought up to date: the record of each bundle, the manifest, what ran. */
export interface UpdatedIndex {
  state: SearchCacheState;
  /** The manifest: the shards newest first (the browser relies on it), then the delta if there is one. */
  entries: ShardEntry[];
  /** The counts of the tag and source menus, over every article the index holds now (FACETS_FILE). */
  facets: FacetCounts;
  /** The JS API, when Pagefind ran. */
  api?: Uint8Array | undefined;
  /** Bundles indexed, and articles in the delta. */
  reindexed: number;
  delta: number;
}

/** Brings the bundles of `shards` (oldest first) in `target` up to date from `cached`, what was there. */
export async function updateIndex(
  digest: Digest,
  shards: readonly Shard<ArticlePage>[],
  cached: SearchCacheState,
  base: string,
  options: Partial<SearchIndexOptions> & { overlay?: Partial<OverlayOptions> | undefined },
  target: IndexTarget,
): Promise<UpdatedIndex> {
  const state: SearchCacheState = { shards: {} };
  const article = (page: ArticlePage) => ({ url: page.teaser.url, key: pagesKey([page], base) });
  const states = [];
  for (const shard of shards) {
    const key = pagesKey(shard.items, base);
    states.push({ items: shard.items, key, published: await target.usable(shard.id, cached.shards[shard.id]) });
  }
  const decisions = planOverlay(states, article, digest.settings.searchShardSize, options.overlay);
  let reindexed = 0;
  let api: Uint8Array | undefined;
  /** Indexes `items` into the bundle `id`, writing its files; gives its record. */
  const index = async (id: string, items: readonly ArticlePage[], key: string): Promise<ShardRecord> => {
    const made = await indexShard(digest, { id, items: [...items] }, options);
    await target.write(id, made);
    api ??= made.find((file) => file.path === API_FILE)?.content;
    reindexed++;
    const keys = new Map(items.map((page) => [page.teaser.url, article(page).key]));
    const docs: DocTable = {};
    for (const doc of indexedDocs(made)) docs[doc.url] = [keys.get(doc.url) ?? "", doc.id, doc.filters];
    const bytes = made.reduce((sum, file) => sum + file.content.byteLength, 0);
    return { key, files: made.map((f) => [f.path, contentHash(f.content)]), bytes, docs };
  };
  const keep = (id: string, record: ShardRecord | undefined) =>
    record && target.keep(id, record) ? record : undefined;
  // Oldest first here, as the shards are.
  const entries = shardEntries(shards, publishedInstant).reverse();
  const changed: ArticlePage[] = [];
  for (const [at, shard] of shards.entries()) {
    const decision = decisions[at];
    const was = states[at];
    let record = decision?.mode === "index" ? undefined : keep(shard.id, was?.published);
    const entry = entries[at];
    if (record && decision?.mode === "overlay") {
      changed.push(...decision.changed);
      if (entry && decision.superseded.length > 0) entry.superseded = decision.superseded;
    }
    record ??= await index(shard.id, shard.items, was?.key ?? "");
    state.shards[shard.id] = record;
  }
  entries.reverse();
  const delta = changed.sort((a, b) => (publishedInstant(a) < publishedInstant(b) ? -1 : 1));
  if (delta.length > 0) {
    const key = pagesKey(delta, base);
    const published =
      cached.delta?.key === key ? keep(DELTA_ID, await target.usable(DELTA_ID, cached.delta)) : undefined;
    state.delta = published ?? (await index(DELTA_ID, delta, key));
    const docs = state.delta.docs ?? {};
    const overlay = delta.map((page): [string, string] => [docs[page.teaser.url]?.[1] ?? "", publishedInstant(page)]);
    const [entry] = shardEntries([{ id: DELTA_ID, items: delta }], publishedInstant);
    if (entry) entries.push({ ...entry, overlay });
  }
  const facets = facetCounts(shards.flatMap((shard) => shard.items.map(searchFilters)));
  return { state, entries, facets, api, reindexed, delta: delta.length };
}
