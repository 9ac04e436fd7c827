// What a build remembers of the search shards it published (.cache/broadsheet/search.json), and the
// checks before any of it is trusted: the record carries a hash of itself, and each kept file's
// bytes in the output are checked against the hash recorded when it was made.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readIfPresent } from "../publish/cache-file.ts";
import type { DocTable } from "./overlay.ts";
import { contentHash } from "./shards.ts";

/** One published bundle: the key of its records, its files (path in the index folder, content hash), its articles. */
export interface ShardRecord {
  key: string;
  files: [path: string, hash: string][];
  bytes: number;
  /** What the bundle holds of each article (absent in records of older builds: the shard is then indexed again). */
  docs?: DocTable;
}

/** The cache record: shards by id, and the delta bundle of the edit overlay when there is one. */
export interface SearchCacheState {
  shards: Record<string, ShardRecord>;
  delta?: ShardRecord;
}

/** The state of a build that has published nothing yet. */
export const emptySearchCache = (): SearchCacheState => ({ shards: {} });

/** The record as stored: the state as JSON text, and the hash of that text. */
interface Stored {
  hash: string;
  state: string;
}

/**
 * The cache record at `path`, verified against its hash. A missing record is an empty one; a damaged
 * one (not JSON, wrong hash, wrong shape) is too, after a one-line notice.
 */
export async function readSearchCache(path: string, notice: (line: string) => void): Promise<SearchCacheState> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return emptySearchCache();
  }
  try {
    const stored = JSON.parse(text) as Stored;
    if (typeof stored.state !== "string" || contentHash(stored.state) !== stored.hash) throw new Error("hash");
    const state = JSON.parse(stored.state) as SearchCacheState;
    if (typeof state.shards !== "object" || state.shards === null) throw new Error("shape");
    return state;
  } catch {
    notice(`${path} is damaged (its content does not match its hash); the search index is rebuilt.`);
    return emptySearchCache();
  }
}

/** Writes the cache record with its hash. */
export async function writeSearchCache(path: string, state: SearchCacheState): Promise<void> {
  const text = JSON.stringify(state);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify({ hash: contentHash(text), state: text } satisfies Stored));
}

/** Whether every file of `record` is in `dir` with the bytes it was made with, or some are missing, or changed. */
export async function shardIntact(dir: string, record: ShardRecord): Promise<"intact" | "missing" | "changed"> {
  // One file at a time (see readIfPresent): a shard's files are many and small; memory stays flat.
  for (const [path, hash] of record.files) {
    const bytes = readIfPresent(join(dir, path));
    if (bytes === undefined) return "missing";
    if (contentHash(bytes) !== hash) return "changed";
  }
  return "intact";
}
