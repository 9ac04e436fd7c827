// Runs Pagefind (its Node API drives its binary as a child process) over the search records, and
// publishes the bundle through the Publisher, or keeps last build's when no record changed.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { close, createIndex } from "pagefind";
import type { Digest } from "../digest/view-model.ts";
import type { Publisher } from "../publish/publisher.ts";
import { searchKey, type SearchRecord, searchRecords } from "./records.ts";
import { searchIndexUrl } from "../digest/urls.ts";

/** Options of the search index. */
export interface SearchIndexOptions {
  /** Folder of the index in the output, relative to its root. Default `pagefind/`. */
  folder: string;
  /** Most fragment files (one per article) Pagefind writes per language before it bundles them. Default: no limit. */
  maxFragments?: number | undefined;
  /** Records handed to Pagefind at a time. Default 500. */
  batch: number;
}

/** Defaults of the search index. */
export const searchIndexDefaults = { folder: searchIndexUrl.slice(1), batch: 500 } satisfies SearchIndexOptions;

/** Options of the dev server's indexer. */
export interface BackgroundOptions {
  /** Milliseconds without a new build before Pagefind runs. Default 0. */
  quietMs: number;
  /** A clock in milliseconds. Default `performance.now`. */
  now: () => number;
}

/** Defaults of the dev server's indexer. */
export const backgroundDefaults = { quietMs: 0, now: () => performance.now() } satisfies BackgroundOptions;

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
  const { batch, maxFragments } = { ...searchIndexDefaults, ...options };
  try {
    const created = await createIndex(maxFragments === undefined ? {} : { maxFragments });
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
    return files.filter((file) => !UNUSED.test(file.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  } finally {
    // The binary runs until it is closed; a build must not leave it behind.
    await close();
  }
}

/** What the cache remembers of the last published index. */
interface SearchCache {
  key: string;
  files: string[];
  bytes: number;
}

/** A published index: its size, and whether Pagefind ran (false when last build's was kept). */
export interface PublishedIndex {
  files: number;
  bytes: number;
  ran: boolean;
  /** Records this index in the cache; call it once the output is committed. */
  save(): Promise<void>;
}

async function readCache(path: string): Promise<SearchCache | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as SearchCache;
  } catch {
    return undefined;
  }
}

/**
 * Publishes the index of `digest` into `publisher` under the index folder. When the key of the
 * records equals the cached one and the output still holds that index, its files are kept as they
 * are; otherwise Pagefind runs, and only files whose bytes changed are written.
 */
export async function publishSearchIndex(
  digest: Digest,
  publisher: Publisher,
  cacheFile: string,
  version: string,
  options: Partial<SearchIndexOptions> = {},
): Promise<PublishedIndex> {
  const { folder } = { ...searchIndexDefaults, ...options };
  const key = searchKey(digest, JSON.stringify([version, folder, options.maxFragments]));
  const cached = await readCache(cacheFile);
  const save = (state: SearchCache) => async () => {
    await mkdir(dirname(cacheFile), { recursive: true });
    await writeFile(cacheFile, JSON.stringify(state));
  };
  if (cached?.key === key && publisher.keepAll(cached.files))
    return { files: cached.files.length, bytes: cached.bytes, ran: false, save: save(cached) };
  const files = await indexFiles(searchRecords(digest), options);
  let bytes = 0;
  for (const file of files) {
    publisher.add(`${folder}${file.path}`, file.content);
    bytes += file.content.byteLength;
  }
  const state = { key, files: files.map((file) => `${folder}${file.path}`), bytes };
  return { files: files.length, bytes, ran: true, save: save(state) };
}

/**
 * Makes `dir` hold exactly `files` (the dev server's path, which has no Publisher): writes the files
 * whose bytes differ, removes the others.
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
    await writeFile(to, file.content);
  }
}

/**
 * The dev server's index: `update(digest, outDir, version)` reindexes in the background when the
 * records changed, so an edit's page is not held up; runs never overlap, and the latest digest wins.
 */
export function backgroundIndexer(
  onError: (error: unknown) => void,
  options: Partial<SearchIndexOptions & BackgroundOptions> = {},
) {
  const { folder, quietMs, now } = { ...searchIndexDefaults, ...backgroundDefaults, ...options };
  let indexed: string | undefined;
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
      const key = searchKey(job.digest, JSON.stringify([job.version, job.outDir]));
      if (key === indexed) continue;
      try {
        await writeIndexFolder(await indexFiles(searchRecords(job.digest), options), join(job.outDir, folder));
        indexed = key;
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
