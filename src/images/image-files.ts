// Image files named by articles: each checked to lie inside content/, then processed into responsive
// variants (or, where no processing is asked for, such as `npm run check`, only read and measured).
import { realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, relative, resolve, sep } from "node:path";
import { imageDefaults, type ImageSettings } from "./image-options.ts";
import { type ImageProblem, tooLargeProblem } from "./image-problems.ts";
import { imageSummary, type ProcessedImage, processImages } from "./variants.ts";
import type { Image } from "../digest/view-model.ts";
import type { CardProcessing } from "./cards/card-render.ts";
import type { CopiedFile } from "../publish/publisher.ts";
import { loadSharp } from "./sharp.ts";

/** How images are processed; absent, they are only checked and measured. */
export interface ImageProcessing {
  /** Folder of the processed-image cache. */
  cacheDir: string;
  /** Options beyond the site settings' `images` (which take precedence). Default: none. */
  settings?: ImageSettings;
  onProgress?: (done: number, total: number) => void;
  /** Milliseconds from some fixed start, to time the image work. Default: performance.now. */
  clock?: () => number;
  /** CPU seconds this process has used, to measure the image work. Default: from process.cpuUsage. */
  cpuClock?: () => number;
  /** Social cards, made after the articles' images. Default: none. */
  cards?: CardProcessing;
}

/** An image ready for a `<picture>` (everything but its alt text), or why it cannot be used. */
export type LoadedImage = { image: Omit<Image, "alt">; fromCache: boolean } | ImageProblem;

/** What the image work of a build did, for its summary line. */
export interface ImageWork {
  /** Images sharp processed. */
  processed: number;
  /** Images whose variants all came from the cache. */
  cached: number;
  /** Wall time of the image work, in seconds. */
  seconds: number;
  /** CPU time of the process (all its threads) during the image work, in seconds. */
  cpuSeconds: number;
}

/**
 * Real path of `written` (relative to the article file `file`), or null when it leaves `contentDir`,
 * by its name or through a symbolic link. A missing file keeps its path, to be reported as missing.
 */
export function imagePath(root: string, contentDir: string, file: string, written: string): string | null {
  const path = resolve(root, dirname(file), written);
  if (!isInside(resolve(contentDir), path)) return null;
  const real = realOrNull(path);
  if (real === null) return path;
  return isInside(realOrNull(contentDir) ?? resolve(contentDir), real) ? real : null;
}

/** Whether `path` lies inside the folder `dir` (both absolute). */
export function isInside(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside.split(sep)[0] !== ".." && !isAbsolute(inside);
}

/** The path with every symbolic link resolved, or null when it does not exist. */
export function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** Message for a path that leaves the content folder. */
export const outsideContent = "must point to a file inside the content folder";

/** Message for a path inside the content folder that is a symbolic link to a file outside it. */
export const linksOutside =
  "is a symbolic link to a file outside the content folder, which is not published; copy the file into content/";

/** Processes (or, without `processing`, measures) each distinct file once; results by path, with the variants to publish. */
export async function loadImages(paths: readonly string[], settings: ImageSettings, processing?: ImageProcessing) {
  const unique = [...new Set(paths)];
  const results = new Map<string, LoadedImage>();
  const assets: CopiedFile[] = [];
  const clock = processing?.clock ?? (() => performance.now());
  const cpuClock = processing?.cpuClock ?? cpuSeconds;
  const started = clock();
  const cpuStarted = cpuClock();
  const work = (processed: number, cached: number): ImageWork => ({
    processed,
    cached,
    seconds: (clock() - started) / 1000,
    cpuSeconds: cpuClock() - cpuStarted,
  });
  if (!processing) {
    await Promise.all(
      unique.map(async (path) => results.set(path, await measure(path, settings.maxPixels ?? imageDefaults.maxPixels))),
    );
    return { results, assets, work: work(0, 0) };
  }
  const jobs = unique.map((source) => ({ source, name: basename(source, extname(source)) }));
  const processed = await processImages(
    jobs,
    { ...processing.settings, ...settings },
    processing.cacheDir,
    processing.onProgress,
  );
  for (const [path, result] of processed) {
    if ("problem" in result) results.set(path, result);
    else {
      results.set(path, { image: responsive(result), fromCache: result.fromCache });
      for (const v of result.variants) assets.push({ from: v.file, to: `media/${v.name}` });
    }
  }
  const { processed: done, cached } = imageSummary(processed);
  const published = [...new Map(assets.map((a) => [a.to, a])).values()].sort((a, b) => (a.to < b.to ? -1 : 1));
  return { results, assets: published, work: work(done, cached) };
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

// `npm run check`: the file must exist, be an image and be within the pixel limit; nothing is written.
async function measure(path: string, maxPixels: number): Promise<LoadedImage> {
  const bytes = await readFile(path).catch(() => null);
  if (!bytes) return { problem: "names a file that does not exist" };
  const meta = await (await loadSharp())(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta?.width || !meta.height)
    return { problem: "is not an image file that can be read; use a JPEG, PNG, WebP, AVIF, GIF or TIFF file" };
  if (meta.width * meta.height > maxPixels) return tooLargeProblem(meta.width * meta.height, maxPixels);
  return { image: { url: `/media/${basename(path)}`, width: meta.width, height: meta.height }, fromCache: false };
}

/** The `<picture>` data of a processed image: AVIF and WebP sources, JPEG or PNG fallback, widest last. */
function responsive(image: ProcessedImage): Omit<Image, "alt"> {
  const srcset = (format: string) =>
    image.variants
      .filter((v) => v.format === format)
      .map((v) => `/media/${v.name} ${v.width}w`)
      .join(", ");
  const fallback = image.variants.filter((v) => v.format === (image.hasAlpha ? "png" : "jpeg"));
  const widest = fallback.at(-1) ?? image.variants.at(-1);
  // Processing always makes at least one variant; an image without any is a bug here, not an author's mistake.
  if (!widest) throw new Error("a processed image without variants");
  const sources = (["avif", "webp"] as const)
    .filter((f) => image.variants.some((v) => v.format === f))
    .map((f) => ({ type: `image/${f}`, srcset: srcset(f) }));
  return {
    url: `/media/${widest.name}`,
    width: widest.width,
    height: widest.height,
    srcset: srcset(widest.format),
    sources,
  };
}
