// The dev server's search index: after a rebuild, in the background, the index folder of the output
// is brought up to date as a build does it, through the edit overlay: an edit indexes only the delta.
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Digest } from "../digest/view-model.ts";
import { FACETS_FILE } from "./facets.ts";
import { searchIndexDefaults, type SearchIndexOptions, writeIndexFolder } from "./run-pagefind.ts";
import { writeAtomic } from "../publish/cache-file.ts";
import {
  emptySearchCache,
  type ReadSearchCache,
  readSearchCache,
  type SearchCacheState,
  shardIntact,
  writeSearchCache,
} from "./shard-cache.ts";
import { SHARDS_FILE } from "./sharded-index.ts";
import { API_FILE, DELTA_ID, digestShards, keyBase, updateIndex } from "./update-index.ts";

/** Options of the dev server's indexer. */
export interface BackgroundOptions {
  /** Milliseconds without a new build before Pagefind runs. Default 0. */
  quietMs: number;
  /** A clock in milliseconds. Default `performance.now`. */
  now: () => number;
  /** Told, in one line, that the record of what the folder holds was damaged. Default: standard error. */
  notice: (line: string) => void;
}

/** Defaults of the dev server's indexer. */
export const backgroundDefaults = {
  quietMs: 0,
  now: () => performance.now(),
  notice: (line: string) => console.warn(line),
} satisfies BackgroundOptions;

/**
 * The record of what an output's index folder holds, beside the folder (not served): a server started
 * again over it indexes only what changed since, not every shard (minutes at 100,000 articles).
 */
export const STATE_FILE = "search.json";

/** What the indexer wrote into an output's index folder: its bundles, and its manifest and facet counts. */
interface Written {
  state: SearchCacheState;
  manifest?: string;
}

/**
 * Writes what changed of the index of `digest` since `indexed` (what the folder holds) into `root`,
 * through the edit overlay as a build does (an edit indexes only the delta); gives what it holds now.
 */
async function updateFolder(
  digest: Digest,
  root: string,
  base: string,
  indexed: Written,
  options: Partial<SearchIndexOptions>,
  restarted?: ReadSearchCache,
): Promise<Written> {
  const shards = digestShards(digest);
  // The indexer wrote every bundle it remembers; what it forgot (after a failure) is indexed again. A
  // bundle known from the record of an earlier server is taken once its files are checked.
  const updated = await updateIndex(digest, shards, indexed.state, base, options, {
    usable: async (id, record) =>
      record && (!restarted || (await shardIntact(join(root, id), record, restarted.written)) === "intact")
        ? record
        : undefined,
    keep: () => true,
    write: (id, files) => writeIndexFolder(files, join(root, id)),
  });
  const facets = JSON.stringify(updated.facets);
  // The manifest and the counts, written together: either changes when an article's shard, tags or source do.
  const manifest = JSON.stringify(updated.entries);
  if (updated.reindexed === 0 && `${manifest}\n${facets}` === indexed.manifest) return indexed;
  const wanted = new Set([...Object.keys(updated.state.shards), ...(updated.state.delta ? [DELTA_ID] : [])]);
  const present = await readdir(root, { withFileTypes: true }).catch(() => []);
  // Shards no longer wanted, and a temporary file a killed server left (writeAtomic's `.tmp`).
  const stale = present.filter((entry) =>
    entry.isDirectory() ? !wanted.has(entry.name) : entry.name.endsWith(".tmp"),
  );
  await Promise.all(stale.map((entry) => rm(join(root, entry.name), { recursive: true, force: true })));
  const newest = shards[shards.length - 1]?.id ?? "";
  await mkdir(root, { recursive: true });
  // Each in one step, as the shards' files are (writeIndexFolder): a search meanwhile reads old or new.
  await writeAtomic(join(root, API_FILE), updated.api ?? (await readFile(join(root, newest, API_FILE))));
  await writeAtomic(join(root, SHARDS_FILE), manifest);
  await writeAtomic(join(root, FACETS_FILE), facets);
  return { state: updated.state, manifest: `${manifest}\n${facets}` };
}

/**
 * The dev server's index: `update(digest, outDir, version)` reindexes in the background the shards
 * whose records changed, so an edit's page is not held up; runs never overlap, and the latest digest wins.
 */
export function backgroundIndexer(
  onError: (error: unknown) => void,
  options: Partial<SearchIndexOptions & BackgroundOptions> = {},
) {
  const { folder, quietMs, now, notice } = { ...searchIndexDefaults, ...backgroundDefaults, ...options };
  // What the output's index folder holds, for the output folder last written; read from its record first.
  let indexed: Written | undefined;
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
      if (job.outDir !== indexedDir) indexed = undefined;
      indexedDir = job.outDir;
      const record = join(job.outDir, STATE_FILE);
      try {
        const restarted = indexed ? undefined : await readSearchCache(record, notice);
        const base = keyBase(job.digest, job.version, options, folder);
        const was = indexed ?? { state: restarted ?? emptySearchCache() };
        // Forgotten first: an update that fails half-written is made again in full next time.
        indexed = { state: emptySearchCache() };
        await rm(record, { force: true });
        const root = join(job.outDir, folder);
        indexed = await updateFolder(job.digest, root, base, was, options, restarted);
        await writeSearchCache(record, indexed.state);
      } catch (error) {
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
