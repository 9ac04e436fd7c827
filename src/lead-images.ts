// Lead images: checked against the file system, then processed into responsive variants (or, where
// no processing is asked for, such as `npm run check`, only measured).
import { readFile } from "node:fs/promises";
import { basename, dirname, extname, relative, resolve } from "node:path";
import sharp from "sharp";
import type { Article } from "./article.ts";
import type { CardProcessing } from "./card-images.ts";
import type { Problem } from "./errors.ts";
import { type ImageSettings, type ProcessedImage, processImages } from "./images.ts";
import type { Image } from "./pages.ts";

/** A file to copy into the output as it is. */
export interface Asset {
  /** Absolute path of the source file. */
  from: string;
  /** Output path relative to the site root, such as `media/bridge-3f2a9c1d0b-800.avif`. */
  to: string;
}

/** How lead images are processed; absent, they are only checked and measured. */
export interface ImageProcessing {
  /** Folder of the processed-image cache. */
  cacheDir: string;
  settings?: ImageSettings;
  onProgress?: (done: number, total: number) => void;
  /** Social cards, made alongside the lead images. Default: none. */
  cards?: CardProcessing;
}

/** Resolves every article's lead image; records a problem naming the article for each one that fails. */
export async function leadImages(articles: readonly Article[], contentDir: string, root: string, errors: Problem[], processing?: ImageProcessing) {
  const images = new Map<Article, Image>();
  // The source file of each image that could be used, for the social cards.
  const sources = new Map<Article, string>();
  const assets: Asset[] = [];
  const found: { article: Article; path: string }[] = [];
  for (const article of articles) {
    if (!article.image) continue;
    const path = resolve(root, dirname(article.file), article.image.path);
    if (relative(resolve(contentDir), path).startsWith("..")) {
      errors.push({ file: article.file, field: "image", message: `must point to a file inside the content folder; got "${article.image.path}"` });
    } else found.push({ article, path });
  }
  const problem = (article: Article, message: string) => errors.push({ file: article.file, field: "image", message: `${message}; got "${article.image?.path}"` });
  if (!processing) {
    await Promise.all(found.map(async ({ article, path }) => {
      const bytes = await readFile(path).catch(() => null);
      if (!bytes) return problem(article, "names a file that does not exist");
      const meta = await sharp(bytes).metadata().catch(() => null);
      if (!meta?.width || !meta.height) return problem(article, "is not an image file that can be read; use a JPEG, PNG, WebP, AVIF, GIF or TIFF file");
      images.set(article, { url: `/media/${basename(path)}`, alt: article.image!.alt, width: meta.width, height: meta.height, credit: article.image!.credit });
    }));
    return { images, assets, sources };
  }
  const jobs = found.map(({ path }) => ({ source: path, name: basename(path, extname(path)) }));
  const results = await processImages(jobs, processing.settings ?? {}, processing.cacheDir, processing.onProgress);
  for (const { article, path } of found) {
    const result = results.get(path);
    if (!result) continue;
    if ("problem" in result) problem(article, result.problem);
    else {
      images.set(article, { ...responsive(result, article.image!.alt), credit: article.image!.credit });
      sources.set(article, path);
      for (const v of result.variants) assets.push({ from: v.file, to: `media/${v.name}` });
    }
  }
  const unique = [...new Map(assets.map((a) => [a.to, a])).values()].sort((a, b) => (a.to < b.to ? -1 : 1));
  return { images, assets: unique, sources };
}

/** The `<picture>` data of a processed image: AVIF and WebP sources, JPEG or PNG fallback, widest last. */
function responsive(image: ProcessedImage, alt: string): Image {
  const srcset = (format: string) =>
    image.variants
      .filter((v) => v.format === format)
      .map((v) => `/media/${v.name} ${v.width}w`)
      .join(", ");
  const fallback = image.variants.filter((v) => v.format === (image.hasAlpha ? "png" : "jpeg"));
  const widest = fallback[fallback.length - 1] ?? image.variants[image.variants.length - 1]!;
  const sources = (["avif", "webp"] as const).filter((f) => image.variants.some((v) => v.format === f)).map((f) => ({ type: `image/${f}`, srcset: srcset(f) }));
  return { url: `/media/${widest.name}`, alt, width: widest.width, height: widest.height, srcset: srcset(widest.format), sources };
}
