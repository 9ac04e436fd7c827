// The dev server's search index: after a rebuild, in the background, only the shards whose records
// changed are indexed again and written into the output's index folder.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Digest } from "../digest/view-model.ts";
import { pagesKey, publishedInstant } from "./records.ts";
import { searchIndexDefaults, type SearchIndexOptions, writeIndexFolder } from "./run-pagefind.ts";
import { API_FILE, digestShards, indexShard, keyBase, SHARDS_FILE } from "./sharded-index.ts";
import { shardEntries } from "./shards.ts";

/** Options of the dev server's indexer. */
export interface BackgroundOptions {
  /** Milliseconds without a new build before Pagefind runs. Default 0. */
  quietMs: number;
  /** A clock in milliseconds. Default `performance.now`. */
  now: () => number;
}

/** Defaults of the dev server's indexer. */
export const backgroundDefaults = { quietMs: 0, now: () => performance.now() } satisfies BackgroundOptions;

/** Writes the shards of `digest` that changed since `indexed` says into `root`; updates `indexed` shard by shard. */
async function updateShards(
  digest: Digest,
  root: string,
  base: string,
  indexed: Map<string, string>,
  options: Partial<SearchIndexOptions>,
): Promise<void> {
  const shards = digestShards(digest);
  const wanted = new Set(shards.map((shard) => shard.id));
  let changed = shards.length !== indexed.size || [...indexed.keys()].some((id) => !wanted.has(id));
  for (const shard of shards) {
    const key = pagesKey(shard.items, base);
    if (indexed.get(shard.id) === key) continue;
    // Forgotten first: a shard that fails half-written is indexed again next time.
    indexed.delete(shard.id);
    await writeIndexFolder(await indexShard(digest, shard, options), join(root, shard.id));
    indexed.set(shard.id, key);
    changed = true;
  }
  if (!changed) return;
  for (const id of indexed.keys()) if (!wanted.has(id)) indexed.delete(id);
  const present = await readdir(root, { withFileTypes: true }).catch(() => []);
  const stale = present.filter((entry) => entry.isDirectory() && !wanted.has(entry.name));
  await Promise.all(stale.map((entry) => rm(join(root, entry.name), { recursive: true, force: true })));
  const newest = shards[shards.length - 1]?.id ?? "";
  await mkdir(root, { recursive: true });
  await writeFile(join(root, API_FILE), await readFile(join(root, newest, API_FILE)));
  await writeFile(join(root, SHARDS_FILE), JSON.stringify(shardEntries(shards, publishedInstant)));
}

/**
 * The dev server's index: `update(digest, outDir, version)` reindexes in the background the shards
 * whose records changed, so an edit's page is not held up; runs never overlap, and the latest digest wins.
 */
export function backgroundIndexer(
  onError: (error: unknown) => void,
  options: Partial<SearchIndexOptions & BackgroundOptions> = {},
) {
  const { folder, quietMs, now } = { ...searchIndexDefaults, ...backgroundDefaults, ...options };
  // Shard id → key of what the output holds, for the output folder last written.
  const indexed = new Map<string, string>();
  let indexedDir: string | undefined;
  let next: { digest: Digest; outDir: string; version: string } | undefined;
  let running: Promise<void> | undefined;
  let calledAt = now();
  const quiet = () => quietMs - (now() - calledAt);
  const run = async () => {
    // Yield first, so that `running` is set before the loop can end and clear it.
    await null;
    while (next) {
      // While builds keep coming (an author at work), Pagefind waits for a quiet moment and then
      // indexes only the newest: it would otherwise take a core from the next rebuild.
      for (let wait = quiet(); wait > 0; wait = quiet()) await sleep(wait);
      const job = next;
      next = undefined;
      if (job.outDir !== indexedDir) indexed.clear();
      indexedDir = job.outDir;
      try {
        const base = keyBase(job.digest, job.version, options, folder);
        await updateShards(job.digest, join(job.outDir, folder), base, indexed, options);
      } catch (error) {
        // What the folder holds is uncertain now: the next run checks every shard again.
        indexed.clear();
        onError(error);
      }
    }
    running = undefined;
  };
  return (digest: Digest, outDir: string, version: string): Promise<void> => {
    next = { digest, outDir, version };
    calledAt = now();
    return (running ??= run());
  };
}
