// What a build may remember from the one before: parsed files (in a running dev server) and rendered
// Markdown (on disk, between production builds), so unchanged articles cost almost nothing. A saved
// body's HTML stays in the file (stored-html.ts): only its key, summary and images are read.
import { createHash } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import type { ParsedArticle } from "./article.ts";
import type { BodyRenderer } from "./parse-article.ts";
import type { ParseCache } from "./parse-cache.ts";
import { appendable, damageNotice, fileSource, frameHeader, readFrames, writeFrames } from "./cache-frames.ts";
import { type BodyImageRef, renderBody } from "./markdown.ts";
import { type CachedBody, type HtmlFile, htmlOf, openHtmlFile } from "./stored-html.ts";
import type MarkdownIt from "markdown-it";

// The saved cache also records the version of the code that rendered it (see readMarkdownCache).
const MARKDOWN_CACHE_VERSION = "4";

/** Remembered work, keyed so that a changed input can never reuse a stale result. */
export interface LoadCache {
  /** Settings the parsed files were read with; another value empties `files`. */
  settingsKey?: string;
  /** Parsed files by absolute path, valid while their size and modification time stay the same. */
  files: Map<string, { size: number; mtimeMs: number; parsed: ParsedArticle }>;
  /** Rendered bodies by a hash of their Markdown. */
  markdown: Map<string, CachedBody>;
  /** Keys of the bodies the current build rendered or took from `markdown`; only these are saved. */
  used: Set<string>;
  /** Markdown renders the current build could not take from the cache. */
  rendered: number;
  /** Keys of the bodies the current build rendered, in order. */
  fresh: string[];
  /** The file was read whole (no damage, this version): new bodies may be appended to it. */
  whole?: boolean;
  /** Entries read from disk at the start of the build. */
  loaded: number;
  /** Version of the rendering code the saved Markdown belongs to. */
  version?: string;
  /** Parsed articles saved by earlier production builds (parse-cache.ts). Default: none. */
  parses?: ParseCache;
}

/** An empty cache. */
export function emptyCache(): LoadCache {
  return { files: new Map(), markdown: new Map(), used: new Set(), rendered: 0, fresh: [], loaded: 0 };
}

/** The cache key of a Markdown body. */
export function markdownKey(body: string): string {
  return createHash("md5").update(MARKDOWN_CACHE_VERSION).update(body).digest("base64url");
}

const MAGIC = "broadsheet markdown cache\t";
// The layout of the frames is part of the header: a file of another layout is an empty cache, even
// when read by a caller whose own version did not change (a test, a benchmark).
const formatVersion = (version: string) => `${version}\tframes ${MARKDOWN_CACHE_VERSION}`;

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
  // The bytes are read through the descriptor the bodies will be read from later, so both are one file.
  let opened: HtmlFile;
  try {
    opened = openHtmlFile(path);
  } catch {
    return cache;
  }
  const read = readFrames(fileSource(opened.fd), MAGIC, frameHeader(MAGIC, formatVersion(version)), (payload, offset) =>
    decodeFrame(payload, offset, opened),
  );
  for (const [key, body] of read.entries) cache.markdown.set(key, body);
  const damage = damageNotice("Markdown cache", path, read, {
    all: "every body is rendered again",
    some: "the bodies it lost are rendered again",
  });
  if (damage !== undefined) notice(damage);
  cache.loaded = cache.markdown.size;
  cache.whole = read.whole;
  return cache;
}

/** Saves the rendered Markdown of the bodies the current build used, unless that is what the file holds. */
export async function writeMarkdownCache(path: string, cache: LoadCache): Promise<void> {
  if (cache.rendered === 0 && cache.used.size === cache.loaded) return;
  const header = frameHeader(MAGIC, formatVersion(cache.version ?? ""));
  const entry = (key: string) => [key, cache.markdown.get(key)];
  // A rebuild that rendered a few bodies adds them, unless the file holds too many unused ones.
  if (appendable(cache.whole ?? false, cache.loaded, cache.used.size - cache.fresh.length)) {
    if (cache.fresh.length > 0) await writeFrames(path, header, cache.fresh.map(entry), true, encodeFrame);
    return;
  }
  await writeFrames(path, header, [...cache.used].map(entry), false, encodeFrame);
}

type IndexEntry = [key: string, firstParagraph: string, images: BodyImageRef[] | undefined, bytes: number];

// A frame: the 4-byte length of an index (V8's serialization of each body's key, summary, images and
// length in bytes), then the bodies' HTML as UTF-8, one after the other.
function encodeFrame(entries: readonly unknown[]): Uint8Array {
  const list = entries as [string, CachedBody][];
  const texts = list.map(([, body]) => Buffer.from(htmlOf(body.html)));
  const index = serialize(
    list.map(([key, body], i): IndexEntry => [key, body.firstParagraph, body.images, texts[i]?.length ?? 0]),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length);
  return Buffer.concat([length, index, ...texts]);
}

function decodeFrame(payload: Buffer, offset: number, file: HtmlFile): [string, CachedBody][] {
  const indexBytes = payload.readUInt32LE(0);
  const index = deserialize(payload.subarray(4, 4 + indexBytes)) as IndexEntry[];
  let at = offset + 4 + indexBytes;
  return index.map(([key, firstParagraph, images, bytes]) => {
    const html = { file, offset: at, bytes };
    at += bytes;
    return [key, { html, firstParagraph, ...(images ? { images } : {}) }];
  });
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
        const made = renderBody(md, body);
        // A copy: markdown-it's HTML is a rope of slices of the source, which would keep it alive too.
        rendered = { ...made, html: Buffer.from(made.html).toString() };
        cache.markdown.set(key, rendered);
        cache.rendered++;
        cache.fresh.push(key);
      }
      return { ...rendered, key };
    },
  };
}
