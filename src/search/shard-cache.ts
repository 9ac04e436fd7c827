// What a build remembers of the search shards it published (.cache/broadsheet/search.json), and the
// checks before any of it is trusted: the record carries a hash of itself, and each kept file's
// bytes in the output are checked against the hash recorded when it was made, or taken on a stat
// that vouches for them (the 100,000 files of a 100,000-article index are not read every build).
import { statSync, writeFileSync } from "node:fs";
import { mkdir, readFile, stat } from "node:fs/promises";
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
  /** Each file's stat (fileStat) when its bytes last matched its hash, by position in `files`; "" when not yet. */
  seen?: string[];
}

/** The cache record: shards by id, and the delta bundle of the edit overlay when there is one. */
export interface SearchCacheState {
  shards: Record<string, ShardRecord>;
  delta?: ShardRecord;
}

/** A cache record as read: the state, and when the record was written (its file's modification time). */
export type ReadSearchCache = SearchCacheState & { written?: number };

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
export async function readSearchCache(path: string, notice: (line: string) => void): Promise<ReadSearchCache> {
  let text: string;
  let written: number;
  try {
    // The time first: a record written again between the two is then only younger than it says.
    written = (await stat(path)).mtimeMs;
    text = await readFile(path, "utf8");
  } catch {
    return emptySearchCache();
  }
  try {
    const stored = JSON.parse(text) as Stored;
    if (typeof stored.state !== "string" || contentHash(stored.state) !== stored.hash) throw new Error("hash");
    const state = JSON.parse(stored.state) as SearchCacheState;
    if (typeof state.shards !== "object" || state.shards === null) throw new Error("shape");
    return { ...state, written };
  } catch {
    notice(`${path} is damaged (its content does not match its hash); the search index is rebuilt.`);
    return emptySearchCache();
  }
}

/**
 * Writes the cache record with its hash. Synchronously: the record is 37 MB at 100,000 articles, and
 * written through a promise its bytes (an ArrayBuffer outside the JavaScript heap) stayed held until
 * the next full collection. The dev server writes it after each edit's reindex, and those 37 MB
 * started a full collection of its 2.3 GB heap (V8: "external memory pressure") in every next edit,
 * a second of each (docs/dev-server.md). Written at once, they go with the next young collection.
 */
export async function writeSearchCache(path: string, state: SearchCacheState): Promise<void> {
  const text = JSON.stringify(state);
  await mkdir(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ hash: contentHash(text), state: text } satisfies Stored));
}

/**
 * Whether every file of `record` is in `dir` with the bytes it was made with, or some are missing, or
 * changed. A file is read and hashed unless its stat is the one `record.seen` holds for it and it last
 * changed well before the record was `written`; a file that passes has its stat put in `record.seen`.
 */
export async function shardIntact(
  dir: string,
  record: ShardRecord,
  written = 0,
): Promise<"intact" | "missing" | "changed"> {
  // One file at a time (see readIfPresent): a shard's files are many and small; memory stays flat.
  for (const [at, [path, hash]] of record.files.entries()) {
    const file = join(dir, path);
    // The stat comes before the read: a write between them leaves a stale stat, never a wrong one.
    const now = fileStat(file);
    if (now === undefined) return "missing";
    if (record.seen?.[at] === now.text && now.changed < written - RACY_MS) continue;
    const bytes = readIfPresent(file);
    if (bytes === undefined) return "missing";
    if (contentHash(bytes) !== hash) return "changed";
    (record.seen ??= record.files.map(() => ""))[at] = now.text;
  }
  return "intact";
}

// File times tick coarsely: a write just after the hash may leave the stat as it was, so a stat vouches
// only for a file that changed well before the record was written (git's "racy clean", as statVouches
// in src/publish/cache-file.ts).
const RACY_MS = 2000;

// Size, modification time and inode. Not the change time, which statText (cache-file.ts) includes:
// every build links the output's kept files into its new version, and a link changes it. A write
// changes the modification time, unless it is put back on purpose.
function fileStat(file: string): { text: string; changed: number } | undefined {
  const s = statSync(file, { throwIfNoEntry: false });
  return s?.isFile() ? { text: `${s.size}:${s.mtimeMs}:${s.ino}`, changed: s.mtimeMs } : undefined;
}
