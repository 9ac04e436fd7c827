// The processed-image cache: variants keyed by what went in (source bytes and recipe), never by name or time.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeAtomic } from "../publish/cache-file.ts";

/** An output format sharp writes. */
export type OutputFormat = "avif" | "webp" | "jpeg" | "png";

/** One resized, encoded copy of a source image. */
export interface CachedVariant {
  format: OutputFormat;
  width: number;
  height: number;
}

/** What the cache remembers about one source image, so that a hit needs no sharp work at all. */
export interface CacheEntry {
  /** Original width after EXIF orientation. */
  width: number;
  /** Original height after EXIF orientation. */
  height: number;
  hasAlpha: boolean;
  variants: CachedVariant[];
}

/** One variant, ready to be copied from the cache to the site as `name`. */
export interface ImageVariant {
  format: OutputFormat;
  width: number;
  height: number;
  /** Absolute path of the file in the cache. */
  file: string;
  /** Output file name, such as harbour-bridge-3f2a9c1d0b-800.avif; changes exactly when the bytes may. */
  name: string;
}

/** A source image that was processed (or found in the cache). */
export interface ProcessedImage {
  /** Original width, after EXIF orientation. */
  width: number;
  /** Original height, after EXIF orientation. */
  height: number;
  hasAlpha: boolean;
  /** Grouped by format (in option order), narrowest first within each format. */
  variants: ImageVariant[];
  /** True when every variant came from the cache and sharp did no work. */
  fromCache: boolean;
}

/** Cache key of a source: SHA-256 of its bytes together with the hash of the processing recipe. */
export function cacheKey(bytes: Uint8Array, recipeHash: string): string {
  return createHash("sha256").update(recipeHash).update("\0").update(bytes).digest("hex");
}

/** Hash of everything that shapes the output bytes (widths, formats, encoder settings, sharp version). */
export function recipeHash(recipe: unknown): string {
  return createHash("sha256").update(JSON.stringify(recipe)).digest("hex");
}

/** Absolute path of one variant file in the cache. */
export function variantPath(cacheDir: string, key: string, variant: CachedVariant): string {
  return join(cacheDir, `${key}-${variant.width}.${extension(variant.format)}`);
}

/** File extension used for a format. */
export function extension(format: OutputFormat): string {
  return format === "jpeg" ? "jpg" : format;
}

/** The entry as saved: with the SHA-256 of each variant file, and of the entry itself. */
interface SavedEntry extends CacheEntry {
  hashes: string[];
  check: string;
}

const sha256 = (bytes: string | Uint8Array) => createHash("sha256").update(bytes).digest("hex");
/** The hash an entry's `check` holds: of everything else in it. */
const entryCheck = ({ width, height, hasAlpha, variants, hashes }: Omit<SavedEntry, "check">) =>
  sha256(JSON.stringify([width, height, hasAlpha, variants, hashes]));

/**
 * The entry for `key` when it and every one of its variant files are as they were written (each file
 * checked against its SHA-256); otherwise null. A missing entry is a plain miss; a damaged entry or
 * variant file is told to `onDamaged` with the file's path, and the caller processes the image again.
 */
export async function readCacheEntry(
  cacheDir: string,
  key: string,
  onDamaged: (file: string) => void = () => undefined,
): Promise<CacheEntry | null> {
  const path = entryPath(cacheDir, key);
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return null;
  let saved: SavedEntry;
  try {
    saved = JSON.parse(text) as SavedEntry;
    // Written by the code before entries were hashed: out of date, not damaged.
    if (saved.check === undefined) return null;
    if (saved.check !== entryCheck(saved) || saved.hashes.length !== saved.variants.length) throw new Error();
  } catch {
    onDamaged(path);
    return null;
  }
  const { hashes, check: _, ...entry } = saved;
  for (const [i, variant] of entry.variants.entries()) {
    const file = variantPath(cacheDir, key, variant);
    const bytes = await readFile(file).catch(() => undefined);
    if (bytes === undefined || sha256(bytes) !== hashes[i]) {
      onDamaged(file);
      return null;
    }
  }
  return entry;
}

/** Writes variant files, then the entry last, so that an interrupted build never leaves a false hit. */
export async function writeCacheEntry(
  cacheDir: string,
  key: string,
  entry: CacheEntry,
  files: readonly Uint8Array[],
): Promise<void> {
  const bytes = entry.variants.map((_, i) => files[i] ?? new Uint8Array());
  await Promise.all(
    entry.variants.map((v, i) => writeAtomic(variantPath(cacheDir, key, v), bytes[i] ?? new Uint8Array())),
  );
  const unchecked = { ...entry, hashes: bytes.map(sha256) };
  await writeAtomic(entryPath(cacheDir, key), JSON.stringify({ ...unchecked, check: entryCheck(unchecked) }));
}

function entryPath(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.json`);
}

/** The result for a cache entry, with absolute cache paths and content-addressed output names. */
export function cachedImage(
  entry: CacheEntry,
  name: string,
  key: string,
  cacheDir: string,
  fromCache: boolean,
): ProcessedImage {
  const variants = entry.variants.map((v) => ({
    ...v,
    file: variantPath(cacheDir, key, v),
    name: `${name}-${key.slice(0, 10)}-${v.width}.${extension(v.format)}`,
  }));
  return { width: entry.width, height: entry.height, hasAlpha: entry.hasAlpha, variants, fromCache };
}
