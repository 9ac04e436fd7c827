// What a build may remember from the one before: parsed files (in a running dev server) and rendered
// Markdown (on disk, between production builds), so unchanged articles cost almost nothing.
import { createHash } from "node:crypto";
import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import type { BodyRenderer, ParsedArticle } from "./article.ts";
import { renderBody, type RenderedBody } from "./markdown.ts";
import type MarkdownIt from "markdown-it";

// The saved cache also records the version of the code that rendered it (see readMarkdownCache).
const MARKDOWN_CACHE_VERSION = "2";

/** Remembered work, keyed so that a changed input can never reuse a stale result. */
export interface LoadCache {
  /** Settings the parsed files were read with; another value empties `files`. */
  settingsKey?: string;
  /** Parsed files by absolute path, valid while their size and modification time stay the same. */
  files: Map<string, { size: number; mtimeMs: number; parsed: ParsedArticle }>;
  /** Rendered bodies by a hash of their Markdown. */
  markdown: Map<string, RenderedBody>;
  /** Keys of the bodies the current build rendered or took from `markdown`; only these are saved. */
  used: Set<string>;
  /** Markdown renders the current build could not take from the cache. */
  rendered: number;
  /** Entries read from disk at the start of the build. */
  loaded: number;
  /** Version of the rendering code the saved Markdown belongs to. */
  version?: string;
}

/** An empty cache. */
export function emptyCache(): LoadCache {
  return { files: new Map(), markdown: new Map(), used: new Set(), rendered: 0, loaded: 0 };
}

/** The cache key of a Markdown body. */
export function markdownKey(body: string): string {
  return createHash("md5").update(MARKDOWN_CACHE_VERSION).update(body).digest("base64url");
}

/**
 * Reads rendered Markdown saved by an earlier build of the same `version` (of the code that renders
 * it); an absent or unreadable file, or one from other code, is an empty cache.
 */
export async function readMarkdownCache(path: string, version = ""): Promise<LoadCache> {
  const cache = emptyCache();
  cache.version = version;
  const [first = "", ...lines] = (await readFile(path, "utf8").catch(() => "")).split("\n");
  if (first !== `version\t${version}`) return cache;
  // One entry a line: key, then the JSON of the rendered body. A damaged line is skipped.
  for (const line of lines) {
    const tab = line.indexOf("\t");
    if (tab === -1) continue;
    try {
      cache.markdown.set(line.slice(0, tab), JSON.parse(line.slice(tab + 1)) as RenderedBody);
    } catch {
      // Rendered again when needed.
    }
  }
  cache.loaded = cache.markdown.size;
  return cache;
}

/** Saves the rendered Markdown of the bodies the current build used, unless that is what the file holds. */
export async function writeMarkdownCache(path: string, cache: LoadCache): Promise<void> {
  if (cache.rendered === 0 && cache.used.size === cache.loaded) return;
  await mkdir(dirname(path), { recursive: true });
  // Written in chunks, so that a large cache never exists twice in memory as one buffer.
  const handle = await open(`${path}.partial`, "w");
  let chunk = `version\t${cache.version ?? ""}\n`;
  for (const key of cache.used) {
    chunk += `${key}\t${JSON.stringify(cache.markdown.get(key))}\n`;
    if (chunk.length > 1 << 20) {
      await handle.write(chunk);
      chunk = "";
    }
  }
  await handle.write(chunk);
  await handle.close();
  await rename(`${path}.partial`, path);
}

/** A body renderer that takes each body from the cache when it can, and records what it used. */
export function cachedRenderer(md: MarkdownIt, cache: LoadCache, summaryLength: number): BodyRenderer {
  return {
    summaryLength,
    render(body) {
      const key = markdownKey(body);
      cache.used.add(key);
      let rendered = cache.markdown.get(key);
      if (rendered === undefined) {
        rendered = renderBody(md, body);
        cache.markdown.set(key, rendered);
        cache.rendered++;
      }
      return { ...rendered, key };
    },
  };
}
