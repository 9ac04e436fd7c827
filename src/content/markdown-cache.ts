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
const MARKDOWN_CACHE_VERSION = "3";

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
// length, the MD5 of the rest, and V8's serialization of [key, body][] (six times faster than JSON both
// ways at 10,000 bodies). V8's format may change between Node versions, so its version is part of the
// header. The hash catches a damaged frame that V8 would still read (a changed byte inside a string).
const MAGIC = "broadsheet markdown cache\t";
const HEADER = (version: string) => `${MAGIC}${version}\t${process.versions.v8}\n`;
const FRAME_ENTRIES = 1000;
const HASH_BYTES = 16;
const frameHash = (payload: Uint8Array) => createHash("md5").update(payload).digest();

/**
 * Reads rendered Markdown saved by an earlier build of the same `version` (of the code that renders
 * it); an absent file, or one from other code, is an empty cache. A frame whose hash does not match
 * is left out (its bodies are rendered again), a cut-short one ends the reading, and either is told
 * in one line through `notice`.
 */
export async function readMarkdownCache(
  path: string,
  version = "",
  notice: (line: string) => void = (line) => console.warn(line),
): Promise<LoadCache> {
  const cache = emptyCache();
  cache.version = version;
  const file = await readFile(path).catch(() => undefined);
  if (file === undefined) return cache;
  const header = Buffer.from(HEADER(version));
  if (!file.subarray(0, header.length).equals(header)) {
    // Another version's cache is simply out of date; anything else in its place is damage.
    if (!file.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC)))
      notice(`Markdown cache ${path} is damaged (not a cache file): every body is rendered again`);
    return cache;
  }
  let damaged = 0;
  let at = header.length;
  for (; at + 4 + HASH_BYTES <= file.length; ) {
    const end = at + 4 + HASH_BYTES + file.readUInt32LE(at);
    if (end > file.length) break;
    const payload = file.subarray(at + 4 + HASH_BYTES, end);
    if (frameHash(payload).equals(file.subarray(at + 4, at + 4 + HASH_BYTES)))
      for (const [key, body] of deserialize(payload) as [string, RenderedBody][]) cache.markdown.set(key, body);
    else damaged++;
    at = end;
  }
  const cut = at < file.length;
  if (damaged > 0 || cut)
    notice(
      `Markdown cache ${path} is damaged (${damaged} part${damaged === 1 ? "" : "s"} not matching ${damaged === 1 ? "its" : "their"} hash${cut ? ", cut short" : ""}): the bodies it lost are rendered again`,
    );
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
    await handle.write(Buffer.concat([length, frameHash(frame), frame]));
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
