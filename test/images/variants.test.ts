import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageProblem } from "../../src/images/image-problems.ts";
import { processImages, type ProcessedImage, variantWidths } from "../../src/images/variants.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "broadsheet-images-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A photo-like image (waves plus grain), so that encoders do real work and truncation bites. */
function texture(width: number, height: number, channels: 3 | 4, seed = 1) {
  const pixels = Buffer.alloc(width * height * channels);
  let state = seed;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const [p, c] = [Math.floor(i / channels), i % channels];
    const [x, y] = [p % width, Math.floor(p / width)];
    const wave = 128 + 60 * Math.sin(x / (37 + c * 11) + y / 53) + 40 * Math.sin((x * y) / 9000 + c);
    pixels[i] = c === 3 ? (x < width / 2 ? 0 : 255) : Math.max(0, Math.min(255, wave + ((state >> 24) - 64) / 4));
  }
  return sharp(pixels, { raw: { width, height, channels } });
}

async function fixture(name: string, image: sharp.Sharp) {
  const path = join(dir, name);
  await image.toFile(path);
  return path;
}

// Small widths keep the suite fast; the full defaults are exercised once, on the 1600-pixel source.
const small = { widths: [40, 80, 120, 160] };

function processed(result: ProcessedImage | ImageProblem | undefined): ProcessedImage {
  if (result === undefined || "problem" in result) throw new Error(`expected an image, got ${JSON.stringify(result)}`);
  return result;
}

const sha = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");

describe("variantWidths", () => {
  it.each([
    [1600, [480, 800, 1200, 1600], [480, 800, 1200, 1600]],
    [2000, [480, 800, 1200, 1600], [480, 800, 1200, 1600]],
    [700, [480, 800, 1200, 1600], [480, 700]],
    [300, [480, 800], [300]],
    [480, [800, 480], [480]],
    [500, [], [500]],
  ])("an original %i wide with widths %j gives %j", (width, wanted, expected) => {
    expect(variantWidths(width, wanted)).toEqual(expected);
  });
});

describe("processImages", () => {
  it("makes every width in avif, webp and jpeg from a 1600×1067 photo, keeping the aspect ratio", async () => {
    const source = await fixture("harbour.jpg", texture(1600, 1067, 3).jpeg({ quality: 90 }));
    const result = processed(
      (await processImages([{ source, name: "harbour-bridge" }], {}, join(dir, "cache-full"))).get(source),
    );
    expect(result).toMatchObject({ width: 1600, height: 1067, hasAlpha: false, fromCache: false });
    expect(result.variants.map((v) => `${v.format} ${v.width}×${v.height}`)).toEqual(
      ["avif", "webp", "jpeg"].flatMap((f) => [`${f} 480×320`, `${f} 800×534`, `${f} 1200×800`, `${f} 1600×1067`]),
    );
    for (const v of result.variants) {
      expect(v.name).toMatch(
        new RegExp(`^harbour-bridge-[0-9a-f]{10}-${v.width}\\.${v.format === "jpeg" ? "jpg" : v.format}$`),
      );
      const meta = await sharp(v.file).metadata();
      expect([meta.format === "heif" ? "avif" : meta.format, meta.width, meta.height]).toEqual([
        v.format,
        v.width,
        v.height,
      ]);
    }
  }, 60_000); // The one test at full size: about 4 s, nearly all of it AVIF encoding.

  it("never upscales: a 700-pixel-wide source gives 480 and 700 only", async () => {
    const source = await fixture("narrow.jpg", texture(700, 350, 3).jpeg());
    const result = processed(
      (await processImages([{ source, name: "narrow" }], { formats: ["auto"] }, join(dir, "c1"))).get(source),
    );
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([
      [480, 240],
      [700, 350],
    ]);
  });

  it("falls back to png, not jpeg, for a source with transparency", async () => {
    const source = await fixture("logo.png", texture(160, 90, 4).png());
    const result = processed((await processImages([{ source, name: "logo" }], small, join(dir, "c2"))).get(source));
    expect(result.hasAlpha).toBe(true);
    expect([...new Set(result.variants.map((v) => v.format))]).toEqual(["avif", "webp", "png"]);
    expect((await sharp(result.variants.at(-1)?.file ?? "").metadata()).hasAlpha).toBe(true);
  });

  it.each([
    ["a 16-bit PNG", texture(120, 80, 3).toColourspace("rgb16").png(), false],
    ["a grey PNG with alpha", texture(120, 80, 4).toColourspace("b-w").png(), true],
    ["a CMYK JPEG", texture(120, 80, 3).toColourspace("cmyk").jpeg(), false],
  ])("reads %s into 8-bit sRGB variants", async (label, image, alpha) => {
    const source = await fixture(`${label.replaceAll(" ", "-")}.img`, image);
    const result = processed(
      (await processImages([{ source, name: "odd" }], { widths: [60] }, join(dir, "c9"))).get(source),
    );
    expect(result.hasAlpha).toBe(alpha);
    const meta = await sharp(result.variants.at(-1)?.file ?? "").metadata();
    expect([meta.space, meta.depth, meta.width, meta.height]).toEqual(["srgb", "uchar", 60, 40]);
  });

  it("reports the size after EXIF orientation: a portrait photo stored sideways", async () => {
    const source = await fixture("sideways.jpg", texture(160, 100, 3).jpeg().withMetadata({ orientation: 6 }));
    const result = processed(
      (await processImages([{ source, name: "turned" }], { widths: [50] }, join(dir, "c10"))).get(source),
    );
    expect([result.width, result.height, result.variants[0]?.width, result.variants[0]?.height]).toEqual([
      100, 160, 50, 80,
    ]);
  });

  it("serves a second run entirely from the cache, with identical files, whatever the name", async () => {
    const cache = join(dir, "c3");
    const a = await fixture("a.jpg", texture(160, 100, 3, 2).jpeg());
    const b = await fixture("b.png", texture(160, 100, 4, 3).png());
    const first = await processImages(
      [
        { source: a, name: "a" },
        { source: b, name: "b" },
      ],
      small,
      cache,
    );
    const hashes = await Promise.all([...first.values()].flatMap((r) => processed(r).variants.map((v) => sha(v.file))));
    const second = await processImages(
      [
        { source: a, name: "renamed" },
        { source: b, name: "b" },
      ],
      small,
      cache,
    );
    expect([...second.values()].map((r) => processed(r).fromCache)).toEqual([true, true]);
    expect(
      await Promise.all([...second.values()].flatMap((r) => processed(r).variants.map((v) => sha(v.file)))),
    ).toEqual(hashes);
    expect(processed(second.get(a)).variants[0]?.name).toMatch(/^renamed-[0-9a-f]{10}-40\.avif$/);
  });

  it("processes a changed image with the same file name again, under a new output name", async () => {
    const cache = join(dir, "c4");
    const source = await fixture("same-name.jpg", texture(160, 100, 3, 4).jpeg());
    const before = processed((await processImages([{ source, name: "same" }], small, cache)).get(source));
    await fixture("same-name.jpg", texture(160, 100, 3, 5).jpeg());
    const after = processed((await processImages([{ source, name: "same" }], small, cache)).get(source));
    expect(after.fromCache).toBe(false);
    expect(after.variants[0]?.name).not.toBe(before.variants[0]?.name);
  });

  it("processes again when an option changes, or when a cached file has gone", async () => {
    const cache = join(dir, "c5");
    const source = await fixture("options.jpg", texture(160, 100, 3, 6).jpeg());
    const first = processed((await processImages([{ source, name: "o" }], small, cache)).get(source));
    const requality = processed(
      (await processImages([{ source, name: "o" }], { ...small, quality: { webp: 60 } }, cache)).get(source),
    );
    expect(requality.fromCache).toBe(false);
    expect(requality.variants[0]?.name).not.toBe(first.variants[0]?.name);
    await rm(first.variants[3]?.file ?? "");
    expect(processed((await processImages([{ source, name: "o" }], small, cache)).get(source)).fromCache).toBe(false);
  });

  it("applies a lowered pixel limit to an image already in the cache (maxPixels is checked, not part of the key)", async () => {
    const cache = join(dir, "c11");
    const source = await fixture("limit.jpg", texture(160, 100, 3, 12).jpeg());
    expect(processed((await processImages([{ source, name: "l" }], small, cache)).get(source)).fromCache).toBe(false);
    expect(
      processed((await processImages([{ source, name: "l" }], { ...small, maxPixels: 20_000 }, cache)).get(source))
        .fromCache,
    ).toBe(true);
    expect((await processImages([{ source, name: "l" }], { ...small, maxPixels: 10_000 }, cache)).get(source)).toEqual({
      problem: "is 0.016 megapixels; the limit is 0.01 megapixels (maxPixels)",
    });
  });

  it("reports each unusable source as a problem, without stopping the others", async () => {
    const good = await fixture("good.jpg", texture(160, 100, 3, 7).jpeg());
    const text = join(dir, "notes.jpg");
    await writeFile(text, "This is a text file, not a photo.\n");
    const whole = await texture(300, 200, 3, 8).jpeg().toBuffer();
    const truncated = join(dir, "truncated.jpg");
    await writeFile(truncated, whole.subarray(0, whole.length / 2));
    const large = await fixture("large.jpg", texture(400, 300, 3, 9).jpeg());
    const missing = join(dir, "missing.jpg");
    const jobs = [good, missing, text, truncated, large].map((source) => ({ source, name: "x" }));
    const results = await processImages(jobs, { ...small, maxPixels: 100_000 }, join(dir, "c6"));
    expect([...results.values()].map((r) => ("problem" in r ? r.problem : "ok"))).toMatchInlineSnapshot(`
      [
        "ok",
        "names a file that does not exist",
        "is not an image file that can be read; use a JPEG, PNG, WebP, AVIF, GIF or TIFF file",
        "is damaged or incomplete and cannot be decoded; export or download it again",
        "is 0.12 megapixels; the limit is 0.1 megapixels (maxPixels)",
      ]
    `);
  });

  it("reports progress as (done, total) up to (total, total), at most `concurrency` at a time", async () => {
    const sources = await Promise.all([1, 2, 3, 4].map((n) => fixture(`p${n}.jpg`, texture(80, 60, 3, 10 + n).jpeg())));
    const calls: [number, number][] = [];
    const results = await processImages(
      sources.map((source, n) => ({ source, name: `p${n}` })),
      { ...small, concurrency: 2 },
      join(dir, "c7"),
      (done, total) => calls.push([done, total]),
    );
    expect(calls).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    expect([...results.keys()]).toEqual(sources);
  });

  it("returns an empty map for no jobs", async () => {
    expect((await processImages([], {}, join(dir, "c8"))).size).toBe(0);
  });
});
