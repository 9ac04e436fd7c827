// The dev server's search index: after a rebuild, in the background, the index folder of the output
// is brought up to date as a build does it, through the edit overlay: an edit indexes only the delta.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Digest } from "../digest/view-model.ts";
import { FACETS_FILE } from "./facets.ts";
import { searchIndexDefaults, type SearchIndexOptions, writeIndexFolder } from "./run-pagefind.ts";
import { emptySearchCache, type SearchCacheState } from "./shard-cache.ts";
import { SHARDS_FILE } from "./sharded-index.ts";
import { API_FILE, DELTA_ID, digestShards, keyBase, updateIndex } from "./update-index.ts";

/** Options of the dev server's indexer. */
export interface BackgroundOptions {
  /** Milliseconds without a new build before Pagefind runs. Default 0. */
  quietMs: number;
  /** A clock in milliseconds. Default `performance.now`. */
  now: () => number;
}

/** Defaults of the dev server's indexer. */
export const backgroundDefaults = { quietMs: 0, now: () => performance.now() } satisfies BackgroundOptions;

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
): Promise<Written> {
  const shards = digestShards(digest);
  // The indexer wrote every bundle it remembers; what it forgot (after a failure) is indexed again.
  const updated = await updateIndex(digest, shards, indexed.state, base, options, {
    usable: async (_id, record) => record,
    keep: () => true,
    write: (id, files) => writeIndexFolder(files, join(root, id)),
  });
  const facets = JSON.stringify(updated.facets);
  // The manifest and the counts, written together: either changes when an article's shard, tags or source do.
  const manifest = JSON.stringify(updated.entries);
  if (updated.reindexed === 0 && `${manifest}\n${facets}` === indexed.manifest) return indexed;
  const wanted = new Set([...Object.keys(updated.state.shards), ...(updated.state.delta ? [DELTA_ID] : [])]);
  const present = await readdir(root, { withFileTypes: true }).catch(() => []);
  const stale = present.filter((entry) => entry.isDirectory() && !wanted.has(entry.name));
  await Promise.all(stale.map((entry) => rm(join(root, entry.name), { recursive: true, force: true })));
  const newest = shards[shards.length - 1]?.id ?? "";
  await mkdir(root, { recursive: true });
  await writeFile(join(root, API_FILE), updated.api ?? (await readFile(join(root, newest, API_FILE))));
  await writeFile(join(root, SHARDS_FILE), manifest);
  await writeFile(join(root, FACETS_FILE), facets);
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
  const { folder, quietMs, now } = { ...searchIndexDefaults, ...backgroundDefaults, ...options };
  // What the output's index folder holds, for the output folder last written.
  let indexed: Written = { state: emptySearchCache() };
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
      if (job.outDir !== indexedDir) indexed = { state: emptySearchCache() };
      indexedDir = job.outDir;
      try {
        const base = keyBase(job.digest, job.version, options, folder);
        const was = indexed;
        // Forgotten first: an update that fails half-written is made again in full next time.
        indexed = { state: emptySearchCache() };
        indexed = await updateFolder(job.digest, join(job.outDir, folder), base, was, options);
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
