// Integration (issue 13, item 3): a damaged cache never reaches the site. Rendered Markdown, parsed
// articles, the digest's stories and related lists, an image variant file and an image cache entry
// are each emptied, truncated and garbled in turn; a build into a fresh output folder with that cache
// equals a clean build, byte for byte.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { build } from "../../.eleventy.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";

register();

let site: Awaited<ReturnType<typeof makeSite>>;
let clean: Map<string, Buffer>;
const cacheDir = () => join(site.root, ".cache");
beforeAll(async () => {
  const pixels = Buffer.alloc(300 * 200 * 3).map((_, i) => (i * 7919) % 251);
  site = await makeSite(
    {
      "a.md": articleFile(
        { title: "Boats return", date: "2025-08-15T09:00:00Z", image: "./a.jpg", imageAlt: "Boats", tags: ["Harbour"] },
        "The *boats* came back at dawn.\n\nA second paragraph about the harbour.",
      ),
      "b.md": articleFile({ title: "Rain", date: "2025-08-16T09:00:00Z", tags: ["Weather"] }, "Rain, with `code`."),
      "a.jpg": await sharp(pixels, { raw: { width: 300, height: 200, channels: 3 } })
        .jpeg()
        .toBuffer(),
    },
    { ...fixtureSettings, search: false },
  );
  await build({ input: site.content, output: join(site.root, "clean"), cacheDir: join(site.root, ".clean-cache") });
  clean = await readTree(join(site.root, "clean"));
}, 120_000);
afterAll(() => site?.remove());

const imageFiles = (ext: RegExp) =>
  readdirSync(join(cacheDir(), "images"))
    .filter((name) => ext.test(name))
    .map((name) => join(cacheDir(), "images", name));
const kinds: [string, () => string][] = [
  ["rendered Markdown", () => join(cacheDir(), "markdown.cache")],
  ["parsed articles", () => join(cacheDir(), "parse.cache")],
  ["stories and related lists", () => join(cacheDir(), "digest.cache")],
  ["an image variant file", () => imageFiles(/\.(avif|webp|jpg)$/)[0] ?? ""],
  ["an image cache entry", () => imageFiles(/\.json$/)[0] ?? ""],
];
const damages: [string, (b: Buffer) => Buffer][] = [
  ["emptied", () => Buffer.alloc(0)],
  ["truncated", (b) => b.subarray(0, Math.floor(b.length * 0.6))],
  ["garbled", (b) => Buffer.from(b).fill(0x41, Math.floor(b.length * 0.7), Math.floor(b.length * 0.7) + 6)],
];

describe.each(kinds)("a damaged cache: %s", (_kind, file) => {
  it.each(damages)(
    "%s: the build equals a clean build, with a one-line notice",
    async (name, damage) => {
      const output = join(site.root, `out-${name}`);
      // A healthy cache first, then the damage, then a build that must not publish it.
      await build({ input: site.content, output: join(site.root, "warm"), cacheDir: cacheDir() });
      writeFileSync(file(), damage(readFileSync(file())));
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      try {
        await build({ input: site.content, output, cacheDir: cacheDir() });
        const notices = warn.mock.calls.map(([line]) => String(line)).filter((line) => line.includes("damaged"));
        expect(notices).toHaveLength(1);
        expect(notices[0]).not.toContain("\n");
      } finally {
        warn.mockRestore();
      }
      const tree = await readTree(output);
      expect([...tree.keys()]).toEqual([...clean.keys()]);
      for (const [path, bytes] of clean) expect(tree.get(path)?.equals(bytes), path).toBe(true);
      await rm(output, { recursive: true });
      await rm(`${output}.builds`, { recursive: true });
    },
    60_000,
  );
});
