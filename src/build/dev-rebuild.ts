// What a dev server's rebuild starts from and when it has nothing to do: the production build's caches
// for its first build, and the tests by which a watcher's report names only files as they were built,
// or files no build reads.
import { lstatSync, statSync } from "node:fs";
import { basename, dirname, resolve, sep } from "node:path";
import type { Article } from "../content/article.ts";
import type { LoadCache } from "../content/markdown-cache.ts";
import { isArticleName } from "../content/source-files.ts";
import type { DigestMemo } from "../digest/digest-memo.ts";
import type { Digest } from "../digest/view-model.ts";
import { readBuildCaches } from "./build-caches.ts";
import { currentCodeVersion } from "./prepare.ts";

/**
 * Whether every file in `files` is one the last build read, with the size and modification time it
 * had then: the rule by which a rebuild takes a file as unchanged (source-files.ts). A file added,
 * deleted, or outside the articles (settings, an image) is never one.
 */
export function asBuilt(files: readonly string[], cache: LoadCache): boolean {
  return (
    files.length > 0 &&
    files.every((path) => {
      const known = cache.files.get(path);
      const stats = known && statSync(path, { throwIfNoEntry: false });
      return stats?.isFile() === true && stats.size === known?.size && stats.mtimeMs === known.mtimeMs;
    })
  );
}

/**
 * Why a watcher's report needs no rebuild, if it needs none: "unread" when every file in `files` is
 * one no build reads (a file in `articlesDir` that is not Markdown, not a folder, not a folder that
 * held articles the last build read, and not an image its articles show: `images`, asked only for
 * such a file), "as built" when
 * the others are as the last build read them (asBuilt). An editor's swap or backup file beside an
 * article is unread: at 100,000 articles each save of it would otherwise cost a rebuild of 10 s.
 */
export function nothingRead(
  files: readonly string[],
  cache: LoadCache,
  articlesDir: string,
  images: () => ReadonlySet<string>,
): "unread" | "as built" | undefined {
  if (files.length === 0) return undefined;
  const inArticles = `${resolve(articlesDir)}${sep}`;
  const unread = (path: string) => {
    if (!path.startsWith(inArticles) || isArticleName(basename(path)) || images().has(path)) return false;
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) return false;
    if (stats !== undefined) return true;
    const inside = `${path}${sep}`;
    for (const known of cache.files.keys()) if (known.startsWith(inside)) return false;
    return true;
  };
  const read = files.filter((path) => !unread(path));
  if (read.length === 0) return "unread";
  return asBuilt(read, cache) ? "as built" : undefined;
}

/**
 * Whether a listing of the articles folder that held `listed` still stands after a watcher reported
 * `files`: each is a file it listed and still a file of its own (not a link, not gone), so only
 * contents changed. A file added, removed, renamed or replaced by a link is never one.
 */
export function listedAsBefore(files: readonly string[], listed: () => ReadonlySet<string>): boolean {
  return (
    files.length > 0 &&
    files.every((path) => listed().has(path) && lstatSync(path, { throwIfNoEntry: false })?.isFile() === true)
  );
}

/** The files the articles of `lists` show besides themselves (lead and body images), as absolute paths. */
export function imagesOf(...lists: readonly (readonly Article[])[]): Set<string> {
  const images = new Set<string>();
  for (const list of lists)
    for (const article of list) {
      const dir = dirname(resolve(article.file));
      for (const ref of [article.image, ...(article.bodyImages ?? [])]) if (ref) images.add(resolve(dir, ref.path));
    }
  return images;
}

/** `digest` with no page to render: every list empty. */
export function nothingOf(digest: Digest): Digest {
  const entries = Object.entries(digest).map(([name, value]) => [name, Array.isArray(value) ? [] : value]);
  return Object.fromEntries(entries) as Digest;
}

/**
 * The production build's caches, for a dev server's first build: bodies already rendered stay in the
 * Markdown cache's file (at 100,000 articles, 750 MB less heap and most of the first build's time), and
 * stories and related lists are checked, not made again. Read only: a build running beside the
 * server may be appending to them. Fills `memo` with the digest's part; gives the content's.
 */
export async function startingCache(cacheDir: string, memo: DigestMemo): Promise<LoadCache> {
  const caches = await readBuildCaches(cacheDir, currentCodeVersion());
  const { stories, related } = caches.digest;
  Object.assign(memo, stories ? { stories } : {}, related ? { related } : {});
  return caches.content;
}
