// Runs Pagefind (its Node API drives its binary as a child process) over search records, one bundle
// per call, and writes a bundle into a folder (the dev server's path, which has no Publisher).
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { close, createIndex } from "pagefind";
import { chunkDefaults, rechunk } from "./index-chunks.ts";
import type { SearchRecord } from "./records.ts";
import { searchIndexUrl } from "../digest/urls.ts";
import { writeAtomic } from "../publish/cache-file.ts";

/** Options of the search index. */
export interface SearchIndexOptions {
  /** Folder of the index in the output, relative to its root. Default `pagefind/`. */
  folder: string;
  /** Most fragment files (one per article) Pagefind writes per language before it bundles them. Default: no limit. */
  maxFragments?: number | undefined;
  /** Records handed to Pagefind at a time. Default 500. */
  batch: number;
  /**
   * Settings of the memory allocator of Pagefind's binary (jemalloc, read from `_RJEM_MALLOC_CONF` when the
   * binary starts; a value already in the environment wins). Default `narenas:1,dirty_decay_ms:250,muzzy_decay_ms:0`.
   */
  allocator: string;
  /** Bytes (uncompressed) a chunk of the word index reaches before it is cut (index-chunks.ts); 0 keeps Pagefind's. Default 4096. */
  chunkBytes: number;
}

// One arena (its threads mostly take turns), and freed pages handed back to the system after a quarter
// of a second instead of jemalloc's ten: at 1,000 articles Pagefind's peak falls from about 245 MB to
// about 205 MB for the same CPU time (docs/scale.md, "Memory at 1,000 articles"). Its output is the same.
const PAGEFIND_ALLOCATOR = "narenas:1,dirty_decay_ms:250,muzzy_decay_ms:0";

/** Defaults of the search index. */
export const searchIndexDefaults = {
  folder: searchIndexUrl.slice(1),
  batch: 500,
  allocator: PAGEFIND_ALLOCATOR,
  chunkBytes: chunkDefaults.chunkBytes,
} satisfies SearchIndexOptions;

/** One file of the index, its path relative to the index folder. */
export interface SearchFile {
  path: string;
  content: Uint8Array;
}

// Pagefind's ready-made interfaces, its highlighter and its playground: the site uses only its JS API.
const UNUSED = /^(?:pagefind-(?:ui|modular-ui|component-ui|highlight)\.|playground\/)/;

/** The index Pagefind makes of `records`: the files the JS API needs, sorted by path. */
export async function indexFiles(
  records: readonly SearchRecord[],
  options: Partial<SearchIndexOptions> = {},
): Promise<SearchFile[]> {
  const { batch, maxFragments, allocator, chunkBytes } = { ...searchIndexDefaults, ...options };
  let kept: SearchFile[];
  try {
    // Pagefind's Node API starts its binary inside createIndex, synchronously: the variable is there then.
    const created = await withEnv(ALLOCATOR_VARIABLE, allocator, () =>
      createIndex(maxFragments === undefined ? {} : { maxFragments }),
    );
    const index = created.index;
    if (!index) throw new Error(`Pagefind could not start an index: ${created.errors.join("; ")}`);
    const errors: string[] = [];
    for (let i = 0; i < records.length; i += batch) {
      const added = await Promise.all(
        records.slice(i, i + batch).map((record) => index.addCustomRecord({ ...record })),
      );
      for (const response of added) errors.push(...response.errors);
    }
    const { files, errors: fileErrors } = await index.getFiles();
    errors.push(...fileErrors);
    if (errors.length > 0) throw new Error(`Pagefind failed to index the articles: ${errors.join("; ")}`);
    kept = files.filter((file) => !UNUSED.test(file.path));
  } finally {
    // The binary runs until it is closed; a build must not leave it behind.
    await close();
  }
  // Smaller chunks of the word index: a search fetches little more than the words it asks for, in each shard.
  return (await rechunk(kept, { chunkBytes })).sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The variable Pagefind's binary reads its allocator settings from (jemalloc's, under Rust's prefix). */
const ALLOCATOR_VARIABLE = "_RJEM_MALLOC_CONF";

/**
 * Runs `start` with `name` set to `value` in this process's environment, which child processes started
 * synchronously inside it inherit; a value already set is left as it is. Nothing else runs meanwhile.
 */
export function withEnv<T>(name: string, value: string, start: () => T): T {
  if (process.env[name] !== undefined) return start();
  process.env[name] = value;
  try {
    return start();
  } finally {
    delete process.env[name];
  }
}

/**
 * Makes `dir` hold exactly `files` (the dev server's path, which has no Publisher): writes the files
 * whose bytes differ, each in one step (a browser searching meanwhile reads a whole file, old or new),
 * removes the others (a temporary file a killed server left among them).
 */
export async function writeIndexFolder(files: readonly SearchFile[], dir: string): Promise<void> {
  const wanted = new Set(files.map((file) => file.path));
  const present = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const stale = present
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((path) => !wanted.has(path));
  await Promise.all(stale.map((path) => rm(join(dir, path), { force: true })));
  for (const file of files) {
    const to = join(dir, file.path);
    const old = await readFile(to).catch(() => undefined);
    if (old?.equals(file.content)) continue;
    await mkdir(dirname(to), { recursive: true });
    await writeAtomic(to, file.content);
  }
}
