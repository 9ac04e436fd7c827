// How source images become variants: the widths, formats and encoder settings, with their defaults.
import { availableParallelism } from "node:os";

/** How source images become variants. */
export interface ImageOptions {
  /** Widths to produce, in pixels, never above the original's; default [480, 800, 1200, 1600]. */
  widths: readonly number[];
  /** Formats to produce, "auto" meaning JPEG, or PNG for a source with an alpha channel; default ["avif", "webp", "auto"]. */
  formats: readonly ("avif" | "webp" | "auto")[];
  /** Encoder quality (1-100) per lossy format; default avif 50, webp 75, jpeg 78. */
  quality: { avif: number; webp: number; jpeg: number };
  /** Largest source accepted, in pixels (sharp's limitInputPixels); default 50,000,000. */
  maxPixels: number;
  /** Images processed at once; default os.availableParallelism(). */
  concurrency: number;
}

/** Defaults for every image option. */
export const imageDefaults = {
  widths: [480, 800, 1200, 1600],
  formats: ["avif", "webp", "auto"],
  quality: { avif: 50, webp: 75, jpeg: 78 },
  maxPixels: 50_000_000,
  concurrency: availableParallelism(),
} satisfies ImageOptions;

/** Options as a caller may give them: any field, quality per format, may be left out. */
export type ImageSettings = Partial<Omit<ImageOptions, "quality">> & { quality?: Partial<ImageOptions["quality"]> };

// Encoder settings beyond quality; they are part of the cache key, so changing one re-encodes everything.
/** sharp's encoder options per output format for the given qualities (the benchmark's baseline uses them too). */
export const encoders = (q: ImageOptions["quality"]) => ({
  // Effort 3, not sharp's 4: on a textured 1600-pixel test photo 4 took 8.8 s against 1.2 s, for a file 9% smaller.
  avif: { quality: q.avif, effort: 3 },
  webp: { quality: q.webp, effort: 4 },
  jpeg: { quality: q.jpeg, mozjpeg: true },
  png: { compressionLevel: 9, adaptiveFiltering: true },
});
