// Parsed articles between production builds: each valid file's article and warnings, keyed by its path,
// its bytes and the settings, so that an unchanged file is not parsed, validated or rendered again; an
// unchanged stat (src/publish/cache-file.ts) finds the entry without even reading the file.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync } from "node:fs";
import { DateTime } from "luxon";
import type { Article, ParsedArticle } from "./article.ts";
import {
  appendable,
  damageNotice,
  fileSource,
  frameHeader,
  type ReadFrames,
  readFrames,
  writeFrames,
} from "./cache-frames.ts";
import type { Problem } from "./errors.ts";
import type { CachedBody } from "./stored-html.ts";
import { statVouches } from "../publish/cache-file.ts";

/** Saved parses, and what the current build used of them. */
export interface ParseCache {
  /** Version of the code that parsed them (the same as the Markdown cache's). */
  version: string;
  /** Saved entries by key (see parseKey). */
  entries: Map<string, StoredParse>;
  /** The entries the current build took or made; only these are saved. */
  used: Map<string, StoredParse>;
  /** Entries read from disk at the start of the build. */
  loaded: number;
  /** Entries the current build made. */
  added: number;
  /** The entries the current build made, in order. */
  fresh: [string, StoredParse][];
  /** The file was read whole (no damage, this version): new entries may be appended to it. */
  whole: boolean;
  /** Keys of saved entries by settings hash, file and the file's stat, for the stats that vouch (statVouches). */
  byStat: Map<string, string>;
}

// An instant and the name of its zone (an IANA name, or UTC±h for an offset written in the file):
// enough to make the same DateTime again, which V8's serializer cannot carry as a class.
type StoredDate = [millis: number, zone: string];

/** An article as saved: its dates as plain data, its body and first paragraph left in the Markdown cache (under bodyKey). */
export interface StoredParse {
  article: Omit<Article, "date" | "updated" | "expires" | "corrections" | "bodyHtml" | "firstParagraph"> & {
    date: StoredDate;
    updated?: StoredDate;
    expires?: StoredDate;
    corrections?: { date: StoredDate; text: string }[];
  };
  warnings: Problem[];
  /** The settingsHash it was parsed with. */
  settings: string;
  /** The file's stat (statText) taken before its bytes were read. */
  stat: string;
}

const MAGIC = "broadsheet parse cache\t";
const store = (date: DateTime): StoredDate => [date.toMillis(), date.zone.name];
const restore = ([millis, zone]: StoredDate) => DateTime.fromMillis(millis, { zone });

/** An empty parse cache for code of `version`. */
export function emptyParseCache(version = ""): ParseCache {
  return {
    version,
    entries: new Map(),
    used: new Map(),
    loaded: 0,
    added: 0,
    fresh: [],
    whole: false,
    byStat: new Map(),
  };
}

/** The key of one file's parse: the settings it was read with, its project-relative path and its bytes. */
export function parseKey(settingsHash: string, file: string, bytes: Uint8Array): string {
  return createHash("md5").update(settingsHash).update(file).update("\0").update(bytes).digest("base64url");
}

const statLookup = (settings: string, file: string, stat: string) => `${settings}\0${file}\0${stat}`;

/** The key of the saved parse of `file` when its stat (statText) is the one it had when its bytes were read; else undefined. */
export function keyByStat(cache: ParseCache, settings: string, file: string, stat: string): string | undefined {
  return cache.byStat.get(statLookup(settings, file, stat));
}

/** A hash of the settings, to begin each parseKey with. */
export function settingsHash(settingsKey: string): string {
  return createHash("md5").update(settingsKey).digest("base64url");
}

/**
 * The saved parse of `key`, with its body from `markdown`, or undefined when either is missing.
 * `lines` gives the front matter's field lines, for problems found later (only on a failed build).
 */
export function takeParse(
  cache: ParseCache,
  key: string,
  markdown: ReadonlyMap<string, CachedBody>,
  lines: () => ReadonlyMap<string, number>,
  stat: string,
): ParsedArticle | undefined {
  const saved = cache.entries.get(key);
  const body = saved?.article.bodyKey === undefined ? undefined : markdown.get(saved.article.bodyKey);
  if (saved === undefined || body === undefined) return undefined;
  if (saved.stat === stat) cache.used.set(key, saved);
  else {
    // The same bytes under a new stat (a copied or restored folder): saved again, to be taken on it next time.
    const restamped = { ...saved, stat };
    cache.used.set(key, restamped);
    cache.fresh.push([key, restamped]);
    cache.added++;
  }
  const { date, updated, expires, corrections, ...rest } = saved.article;
  const article: Article = {
    ...rest,
    bodyHtml: body.html,
    firstParagraph: body.firstParagraph,
    date: restore(date),
    ...(updated ? { updated: restore(updated) } : {}),
    ...(expires ? { expires: restore(expires) } : {}),
    ...(corrections ? { corrections: corrections.map((c) => ({ date: restore(c.date), text: c.text })) } : {}),
  };
  // Copies, so that a later step changing a problem (adding its line) leaves the saved one alone.
  return { article, errors: [], warnings: saved.warnings.map((w) => ({ ...w })), lines };
}

/** Remembers a parse under `key` when it is a valid article whose body has a cache key; others are parsed every time. */
export function keepParse(cache: ParseCache, key: string, parsed: ParsedArticle, settings: string, stat: string): void {
  const a = parsed.article;
  if (a === undefined || parsed.errors.length > 0 || a.bodyKey === undefined) return;
  const { date, updated, expires, corrections, bodyHtml: _body, firstParagraph: _first, ...rest } = a;
  const article: StoredParse["article"] = {
    ...rest,
    date: store(date),
    ...(updated ? { updated: store(updated) } : {}),
    ...(expires ? { expires: store(expires) } : {}),
    ...(corrections ? { corrections: corrections.map((c) => ({ date: store(c.date), text: c.text })) } : {}),
  };
  const entry: StoredParse = { article, warnings: parsed.warnings.map((w) => ({ ...w })), settings, stat };
  cache.used.set(key, entry);
  cache.fresh.push([key, entry]);
  cache.added++;
}

/**
 * Reads the parses saved by an earlier build of the same `version`; an absent file, or one from other
 * code, is an empty cache. A damaged part is left out (its files are parsed again) and told in one line.
 */
export async function readParseCache(
  path: string,
  version = "",
  notice: (line: string) => void = (line) => console.warn(line),
): Promise<ParseCache> {
  const cache = emptyParseCache(version);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return cache;
  }
  let read: ReadFrames<[string, StoredParse]>;
  // A stat vouches for the bytes read after it only if the file changed well before this cache was written.
  let written: number;
  try {
    read = readFrames(fileSource(fd), MAGIC, frameHeader(MAGIC, version));
    written = fstatSync(fd).mtimeMs;
  } finally {
    closeSync(fd);
  }
  for (const [key, entry] of read.entries) {
    cache.entries.set(key, entry);
    if (statVouches(entry.stat, written))
      cache.byStat.set(statLookup(entry.settings, entry.article.file, entry.stat), key);
  }
  const damage = damageNotice("Parse cache", path, read, {
    all: "every article is read again",
    some: "the articles it lost are read again",
  });
  if (damage !== undefined) notice(damage);
  cache.loaded = cache.entries.size;
  cache.whole = read.whole;
  return cache;
}

/** Saves the parses the current build used, unless that is exactly what the file holds. */
export async function writeParseCache(path: string, cache: ParseCache): Promise<void> {
  if (cache.added === 0 && cache.used.size === cache.loaded) return;
  const header = frameHeader(MAGIC, cache.version);
  // A rebuild that parsed a few files adds them, unless the file holds too many unused entries.
  if (appendable(cache.whole, cache.loaded, cache.used.size - cache.added)) {
    if (cache.added > 0) await writeFrames(path, header, cache.fresh, true);
    return;
  }
  await writeFrames(path, header, [...cache.used]);
}
