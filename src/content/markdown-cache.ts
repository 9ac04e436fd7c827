// What a build may remember from the one before: parsed files (in a running dev server) and rendered
// Markdown (on disk, between production builds), so unchanged articles cost almost nothing.
import { createHash } from "node:crypto";
import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { deserialize, serialize } from "node:v8";
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

// The file: one header line naming the code and V8 versions, then frames of entries, each a 4-byte
// length and V8's serialization of [key, body][] (six times faster than JSON both ways at 10,000
// bodies). V8's format may change between Node versions, so its version is part of the header.
const HEADER = (version: string) => `broadsheet markdown cache\t${version}\t${process.versions.v8}\n`;
const FRAME_ENTRIES = 1000;

/**
 * Reads rendered Markdown saved by an earlier build of the same `version` (of the code that renders
 * it); an absent or unreadable file, or one from other code, is an empty cache. A damaged frame ends
 * the reading: the entries before it are kept.
 */
export async function readMarkdownCache(path: string, version = ""): Promise<LoadCache> {
  const cache = emptyCache();
  cache.version = version;
  const file = await readFile(path).catch(() => Buffer.alloc(0));
  const header = Buffer.from(HEADER(version));
  if (!file.subarray(0, header.length).equals(header)) return cache;
  for (let at = header.length; at + 4 <= file.length; ) {
    const end = at + 4 + file.readUInt32LE(at);
    if (end > file.length) break;
    try {
      for (const [key, body] of deserialize(file.subarray(at + 4, end)) as [string, RenderedBody][])
        cache.markdown.set(key, body);
    } catch {
      break;
    }
    at = end;
  }
  cache.loaded = cache.markdown.size;
  return cache;
}

/** Saves the rendered Markdown of the bodies the current build used, unless that is what the file holds. */
export async function writeMarkdownCache(path: string, cache: LoadCache): Promise<void> {
  if (cache.rendered === 0 && cache.used.size === cache.loaded) return;
  await mkdir(dirname(path), { recursive: true });
  // Written a frame at a time, so that a large cache never exists twice in memory.
  const handle = await open(`${path}.partial`, "w");
  await handle.write(HEADER(cache.version ?? ""));
  const keys = [...cache.used];
  for (let i = 0; i < keys.length; i += FRAME_ENTRIES) {
    const frame = serialize(keys.slice(i, i + FRAME_ENTRIES).map((key) => [key, cache.markdown.get(key)]));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(frame.length);
    await handle.write(length);
    await handle.write(frame);
  }
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
