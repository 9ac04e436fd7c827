// The image-variant cache is checked against hashes before use: a damaged entry or variant file is
// processed again (same bytes as a clean run) with a one-line notice, never handed to the site.
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readCacheEntry } from "../../src/images/variant-cache.ts";
import type { ImageProblem } from "../../src/images/image-problems.ts";
import { processImages, type ProcessedImage } from "../../src/images/variants.ts";

let dir: string;
let source: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "broadsheet-variant-cache-"));
  source = join(dir, "harbour.png");
  const pixels = Buffer.alloc(120 * 90 * 3, 0).map((_, i) => (i * 37) % 251);
  await sharp(pixels, { raw: { width: 120, height: 90, channels: 3 } }).toFile(source);
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const settings = { widths: [40, 80], formats: ["webp", "jpeg"] } as never;
const processed = (r: ProcessedImage | ImageProblem | undefined) => {
  if (r === undefined || "problem" in r) throw new Error("expected an image");
  return r;
};
async function run(cacheDir: string) {
  const warnings: string[] = [];
  vi.spyOn(console, "warn").mockImplementation((line: string) => void warnings.push(line));
  const image = processed((await processImages([{ source, name: "harbour" }], settings, cacheDir)).get(source));
  vi.restoreAllMocks();
  return { image, warnings, bytes: image.variants.map((v) => readFileSync(v.file)) };
}

const damages: [string, (b: Buffer) => Buffer][] = [
  ["emptied", () => Buffer.alloc(0)],
  ["truncated", (b) => b.subarray(0, Math.floor(b.length / 2))],
  ["garbled", (b) => Buffer.from(b).fill(0x5a, Math.floor(b.length / 3), Math.floor(b.length / 3) + 8)],
];

describe("image-variant cache verification", () => {
  describe.each(["variant file", "entry (.json)"])("a damaged %s", (kind) => {
    it.each(damages)("%s: processed again, with a notice, to the bytes of a clean run", async (_name, damage) => {
      const cacheDir = await mkdtemp(join(dir, "cache-"));
      const clean = await run(cacheDir);
      expect(clean.image.fromCache).toBe(false);
      expect((await run(cacheDir)).image.fromCache).toBe(true);
      const variant = clean.image.variants[1]!.file;
      const file = kind === "variant file" ? variant : variant.replace(/-\d+\.\w+$/, ".json");
      writeFileSync(file, damage(readFileSync(file)));
      const again = await run(cacheDir);
      expect(again.image.fromCache).toBe(false);
      expect(again.warnings).toEqual([
        `Image cache: ${file} is damaged (its content does not match its hash); harbour is processed again`,
      ]);
      expect(again.bytes).toEqual(clean.bytes);
      // Repaired: the next run takes it from the cache, silently.
      const third = await run(cacheDir);
      expect([third.image.fromCache, third.warnings]).toEqual([true, []]);
    });
  });

  it("a missing entry is a plain miss, without a notice", async () => {
    const damaged: string[] = [];
    expect(await readCacheEntry(dir, "0".repeat(64), (file) => damaged.push(file))).toBeNull();
    expect(damaged).toEqual([]);
  });

  it("an entry with a changed field but valid JSON is refused by its check", async () => {
    const cacheDir = await mkdtemp(join(dir, "cache-"));
    const { image } = await run(cacheDir);
    const entry = image.variants[0]!.file.replace(/-\d+\.\w+$/, ".json");
    const json = JSON.parse(readFileSync(entry, "utf8")) as { width: number };
    writeFileSync(entry, JSON.stringify({ ...json, width: json.width + 1 }));
    const key = entry.slice(entry.lastIndexOf("/") + 1, -".json".length);
    const damaged: string[] = [];
    expect(await readCacheEntry(cacheDir, key, (file) => damaged.push(file))).toBeNull();
    expect(damaged).toEqual([entry]);
  });
});
