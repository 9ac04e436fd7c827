// The processed-image cache: variants keyed by what went in (source bytes and recipe), never by name or time.
import { createHash, randomBytes } from "node:crypto";
import { readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

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

/** The entry for `key` when it and every one of its variant files exist; otherwise null. */
export async function readCacheEntry(cacheDir: string, key: string): Promise<CacheEntry | null> {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(await readFile(entryPath(cacheDir, key), "utf8")) as CacheEntry;
  } catch {
    return null;
  }
  const present = await Promise.all(
    entry.variants.map((v) =>
      stat(variantPath(cacheDir, key, v)).then(
        (s) => s.isFile() && s.size > 0,
        () => false,
      ),
    ),
  );
  return present.every(Boolean) ? entry : null;
}

/** Writes variant files, then the entry last, so that an interrupted build never leaves a false hit. */
export async function writeCacheEntry(
  cacheDir: string,
  key: string,
  entry: CacheEntry,
  files: readonly Uint8Array[],
): Promise<void> {
  await Promise.all(
    entry.variants.map((v, i) => writeAtomic(variantPath(cacheDir, key, v), files[i] ?? new Uint8Array())),
  );
  await writeAtomic(entryPath(cacheDir, key), JSON.stringify(entry));
}

function entryPath(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.json`);
}

/** Write-then-rename: a reader sees the whole file or none, even if two jobs share a key or a build is killed. */
export async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
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
