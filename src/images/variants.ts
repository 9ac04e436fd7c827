// Responsive image variants (AVIF, WebP, JPEG/PNG at several widths) with a content-addressed cache.
import { mkdir, readFile } from "node:fs/promises";
import { loadSharp } from "./sharp.ts";
import { decodeProblem, type ImageProblem, notAnImage, readProblem, tooLargeProblem } from "./image-problems.ts";
import { encoders, type ImageOptions, imageDefaults, type ImageSettings } from "./image-options.ts";
import { pool } from "./pool.ts";
import {
  cacheKey,
  type CacheEntry,
  cachedImage,
  type OutputFormat,
  type ProcessedImage,
  readCacheEntry,
  recipeHash,
  writeCacheEntry,
} from "./variant-cache.ts";

export type { ImageVariant, OutputFormat, ProcessedImage } from "./variant-cache.ts";

/** One source image to process. */
export interface ImageJob {
  /** Absolute path of the source file. */
  source: string;
  /** Base name for the output files, such as "harbour-bridge". */
  name: string;
}

/** Processes every job (at most `concurrency` at once); results are keyed by source path. */
export async function processImages(
  jobs: readonly ImageJob[],
  settings: ImageSettings,
  cacheDir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, ProcessedImage | ImageProblem>> {
  const options: ImageOptions = {
    ...imageDefaults,
    ...settings,
    quality: { ...imageDefaults.quality, ...settings.quality },
  };
  const widths = [...new Set(options.widths)].sort((a, b) => a - b);
  const encoder = encoders(options.quality);
  const unique = [...new Map(jobs.map((job) => [job.source, job])).values()];
  await mkdir(cacheDir, { recursive: true });
  const results = new Map<string, ProcessedImage | ImageProblem>();
  // No image, no sharp (sharp.ts).
  if (unique.length === 0) return results;
  const sharp = await loadSharp();
  const recipe = recipeHash({ widths, formats: options.formats, encoder, sharp: sharp.versions });
  await pool(unique, Math.max(1, options.concurrency), async (job) => {
    results.set(job.source, await processOne(job, { ...options, widths }, encoder, recipe, cacheDir));
    onProgress?.(results.size, unique.length);
  });
  // Map order follows the jobs, not completion, so that output is stable.
  return new Map(unique.map((job) => [job.source, results.get(job.source) as ProcessedImage | ImageProblem]));
}

/** Counts for the build summary: "images: processed 3, from cache 17, 1 problem". */
export function imageSummary(results: ReadonlyMap<string, ProcessedImage | ImageProblem>) {
  const all = [...results.values()];
  const ok = all.filter((r): r is ProcessedImage => !("problem" in r));
  return {
    processed: ok.filter((r) => !r.fromCache).length,
    cached: ok.filter((r) => r.fromCache).length,
    problems: all.length - ok.length,
  };
}

/** Widths to produce for an original `width` wide: each wanted width, capped at the original, once. */
export function variantWidths(width: number, wanted: readonly number[]): number[] {
  const widths = [...new Set((wanted.length ? wanted : [width]).map((w) => Math.min(w, width)))];
  return widths.sort((a, b) => a - b);
}

async function processOne(
  job: ImageJob,
  options: ImageOptions,
  encoder: ReturnType<typeof encoders>,
  recipe: string,
  cacheDir: string,
): Promise<ProcessedImage | ImageProblem> {
  let bytes: Buffer;
  try {
    bytes = await readFile(job.source);
  } catch (error) {
    return readProblem(error);
  }
  const key = cacheKey(bytes, recipe);
  // A damaged cache file is never published: the image is processed again, and the author told.
  const hit = await readCacheEntry(cacheDir, key, (file) =>
    console.warn(
      `Image cache: ${file} is damaged (its content does not match its hash); ${job.name} is processed again`,
    ),
  );
  if (hit && hit.width * hit.height > options.maxPixels)
    return tooLargeProblem(hit.width * hit.height, options.maxPixels);
  if (hit) return cachedImage(hit, job.name, key, cacheDir, true);
  const decoded = await decode(bytes, options);
  if ("problem" in decoded) return decoded;
  const sharp = await loadSharp();
  const { width, height, hasAlpha, base } = decoded;
  const raw = { raw: { width: base.info.width, height: base.info.height, channels: base.info.channels } };
  const outputs = options.formats.flatMap((choice) => {
    const format: OutputFormat = choice === "auto" ? (hasAlpha ? "png" : "jpeg") : choice;
    return variantWidths(width, options.widths).map((w) => ({ format, w }));
  });
  // All variants at once: sharp runs one libvips thread per pipeline on glibc (sharp.concurrency() is 1
  // there), so one-by-one encoding left cores idle; libuv's pool (4 threads) now always has work queued.
  // The widest AVIF, the slowest by far, is queued first so that it never ends the image alone.
  const encode = async ({ format, w }: (typeof outputs)[number]) => ({
    format,
    ...(await sharp(base.data, raw)
      .resize({ width: w })
      .toFormat(format, encoder[format])
      .toBuffer({ resolveWithObject: true })),
  });
  const started = new Map([...outputs].sort((a, b) => cost(b) - cost(a)).map((output) => [output, encode(output)]));
  // Every output was started above; `?? encode` only satisfies the type of Map.get.
  const encoded = await Promise.all(outputs.map((output) => started.get(output) ?? encode(output)));
  const entry: CacheEntry = {
    width,
    height,
    hasAlpha,
    variants: encoded.map(({ format, info }) => ({ format, width: info.width, height: info.height })),
  };
  await writeCacheEntry(
    cacheDir,
    key,
    entry,
    encoded.map(({ data }) => data),
  );
  return cachedImage(entry, job.name, key, cacheDir, false);
}

// Rough relative encoding cost of a variant, to start the slow ones first.
function cost({ format, w }: { format: OutputFormat; w: number }): number {
  return w * w * (format === "avif" ? 4 : 1);
}

// Reads the source once, at the largest width wanted, as raw sRGB pixels that every variant is made from:
// a 40-megapixel JPEG is decoded with shrink-on-load and streamed, never held whole in memory.
async function decode(bytes: Buffer, options: ImageOptions) {
  const sharp = await loadSharp();
  // failOn "warning" (sharp's default, stated on purpose) turns libjpeg's "premature end" into an error.
  const input = { failOn: "warning", limitInputPixels: options.maxPixels } as const;
  try {
    // The header is read without the limit, so that an oversized image gets our message, not sharp's.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) return { problem: notAnImage };
    const [width, height] = (meta.orientation ?? 1) >= 5 ? [meta.height, meta.width] : [meta.width, meta.height];
    if (width * height > options.maxPixels) return tooLargeProblem(width * height, options.maxPixels);
    const largest = variantWidths(width, options.widths).at(-1) ?? width;
    const base = await sharp(bytes, input)
      .rotate()
      .resize({ width: largest })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width, height, hasAlpha: meta.hasAlpha ?? false, base };
  } catch (error) {
    return decodeProblem(error);
  }
}
