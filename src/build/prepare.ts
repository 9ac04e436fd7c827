// One build's data, shared by the production build and each dev-server rebuild: the content loaded
// and indexed, the part of it that changed since the output was written, and every page's key.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DateTime } from "luxon";
import type { LoadCache } from "../content/markdown-cache.ts";
import { type Content, loadContent } from "../content/load.ts";
import type { Listing } from "../content/source-files.ts";
import { buildDigest, type DigestMemo } from "../digest/digest.ts";
import { createBuildContext } from "../digest/build-context.ts";
import { changedPages, type KeyMemo, pageKeys, type PageKeys } from "../digest/page-keys.ts";
import type { Digest } from "../digest/view-model.ts";
import type { ImageProcessing } from "../images/image-files.ts";
import { progressReporter } from "../cli/progress.ts";
import { codeVersion } from "../publish/code-version.ts";

/** One build's data: the whole digest, the part of it to render now, and every page's key. */
export interface Prepared {
  content: Content;
  digest: Digest;
  render: Digest;
  keys: PageKeys;
  /** Everything besides the digest that shapes the output: the code, the preview flag, the settings. */
  version: string;
}

/** What a rebuild of the dev server remembers from the one before. */
export interface DevMemo {
  memo: DigestMemo;
  keyMemo: KeyMemo;
  /** True for a file the watcher did not report as changed. */
  unchanged: (path: string) => boolean;
  /** The last build's listing of the articles folder, when the watcher's report leaves it standing (listedAsBefore). */
  listing?: Listing;
}

/** Options of one preparation. */
export interface PrepareOptions {
  contentDir: string;
  /** Keep drafts and scheduled items. */
  preview: boolean;
  cache: LoadCache;
  /** The build's one clock reading: what is scheduled, and what has expired, is decided by it. */
  now: DateTime;
  /** Page keys of the output as it is: their pages are left out of `render`. */
  previous: ReadonlyMap<string, string>;
  dev?: DevMemo;
  images?: ImageProcessing;
  /** A production build's digest memo, as the digest cache held it (filled in place for the next build). */
  digestMemo?: DigestMemo;
}

/** The default folder for what builds remember. */
export const DEFAULT_CACHE = ".cache/broadsheet";
const root = fileURLToPath(new URL("../../", import.meta.url));

/** Hash of the code that shapes pages: the layouts, src/ and the locked packages. */
export function currentCodeVersion(): string {
  return codeVersion([join(root, "layouts"), join(root, "src"), join(root, "package-lock.json")]);
}

/** Loads and indexes the content; pages whose key is in `previous` are left out of `render`. */
export async function prepare(options: PrepareOptions): Promise<Prepared> {
  const { contentDir, preview, cache, now, previous, dev, images } = options;
  // Every memo of this build (or dev rebuild) lives in its context, none in a module.
  const context = createBuildContext();
  const content = await loadContent({
    context,
    contentDir,
    includeDrafts: preview,
    includeFuture: preview,
    now,
    cache,
    ...(images ? { images } : {}),
    ...(dev ? { unchanged: dev.unchanged } : {}),
    ...(dev?.listing ? { listing: dev.listing } : {}),
  });
  const digest = buildDigest(
    content.settings,
    content.articles,
    content.images,
    dev?.memo ?? options.digestMemo,
    now,
    content.cards,
    context,
  );
  // Pages depend on the code and the settings as well as on the digest.
  const version = JSON.stringify([cache.version ?? currentCodeVersion(), preview, content.settings]);
  const keys = pageKeys(digest, version, dev?.keyMemo);
  return { content, digest, keys, version, render: changedPages(digest, keys, previous) };
}

/**
 * Lead and body images processed into `<cacheDir>/images` and social cards into `<cacheDir>/cards`;
 * with `background`, cards are drawn in worker threads while the build goes on, until it stops them.
 */
export function imageProcessing(cacheDir: string, progress = true, background?: AbortSignal): ImageProcessing {
  // The dev server stays quiet: its rebuild line says what happened.
  const report = (label: string) => (progress ? { onProgress: progressReporter(label) } : {});
  return {
    cacheDir: join(cacheDir, "images"),
    ...report("Images"),
    cards: { cacheDir: join(cacheDir, "cards"), ...report("Cards"), ...(background ? { background } : {}) },
  };
}

/** Page keys of the output folder's files, by URL (`a/b/index.html` → `/a/b/`). */
export function keysByUrl(keysByPath: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...keysByPath].map(([path, key]) => [`/${path.replace(/index\.html$/, "")}`, key]));
}
