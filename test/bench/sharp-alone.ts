// The benchmark's baseline: sharp alone making the same variants as a build, all at once in one process,
// with nothing of Broadsheet around it (no cache, no hashing, no pool).
import { mkdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import sharp from "sharp";
import { encoders, imageDefaults } from "../../src/images/image-options.ts";
import { variantWidths } from "../../src/images/variants.ts";

/** Makes every width in AVIF, WebP and JPEG of each source (JPEG sources), straight from the file, into `outDir`; returns seconds. */
export async function sharpAlone(
  sources: readonly string[],
  outDir: string,
  widths: readonly number[] = imageDefaults.widths,
): Promise<number> {
  await mkdir(outDir, { recursive: true });
  const encoder = encoders(imageDefaults.quality);
  const started = performance.now();
  // Every output is its own pipeline, started at once: sharp queues them on libuv's thread pool.
  await Promise.all(
    sources.map(async (source) => {
      const { width = 0 } = await sharp(source).metadata();
      const name = basename(source, extname(source));
      const outputs = (["avif", "webp", "jpeg"] as const).flatMap((format) =>
        variantWidths(width, widths).map((w) => ({ format, w })),
      );
      await Promise.all(
        outputs.map(({ format, w }) =>
          sharp(source)
            .rotate()
            .resize({ width: w })
            .toFormat(format, encoder[format])
            .toFile(join(outDir, `${name}-${w}.${format}`)),
        ),
      );
    }),
  );
  return (performance.now() - started) / 1000;
}
