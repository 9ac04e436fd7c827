// Lead images through a build: responsive variants, the picture markup, the cache, and bad files.
import { existsSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { register } from "tsx/esm/api";
import { describe, expect, it } from "vitest";
import { build } from "../.eleventy.ts";
import { ContentError } from "../src/errors.ts";
import { progressReporter } from "../src/progress.ts";
import { articleFile, makeSite } from "./helpers/fixture.ts";

register();

/** A textured JPEG, made here so no binary fixture is needed. */
async function photo(width: number, height: number): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

// Two builds that encode AVIF with sharp: a few seconds, and more than vitest's 5 s on a busy machine.
describe("a build with a lead image", { timeout: 60_000 }, () => {
  it("writes AVIF, WebP and JPEG variants no wider than the original and an eager picture; the next build takes them from the cache", async () => {
    const site = await makeSite({
      "a.md": articleFile({ title: "A", date: "2025-08-15T09:00:00Z", image: "./a.jpg", imageAlt: "Boats in the harbour" }),
      "a.jpg": await photo(900, 600),
    });
    const options = { input: site.content, output: site.output, cacheDir: join(site.root, ".cache") };
    await build(options);
    const page = await site.page("/2025/08/15/a/");
    const figure = /<figure class="lead">(.*?)<\/figure>/s.exec(page)?.[1] ?? "";
    expect(figure).toMatch(/^<picture><source type="image\/avif" srcset="[^"]+-480\.avif 480w, [^"]+-800\.avif 800w, [^"]+-900\.avif 900w"/);
    expect(figure).toContain('<source type="image/webp"');
    expect(figure).toMatch(/<img src="\/media\/a-[0-9a-f]{10}-900\.jpg" srcset="[^"]+" sizes="[^"]+" alt="Boats in the harbour" width="900" height="600" loading="eager" fetchpriority="high" decoding="async">/);
    for (const [, url] of figure.matchAll(/(\/media\/[^ ",]+)/g)) expect(existsSync(join(site.output, url!)), url).toBe(true);
    expect(figure).not.toContain("-1200.");
    const second = await build(options);
    expect(second.written).toBe(0);
    await site.remove();
  });

  it.each([
    ["a text file named .jpg", Buffer.from("not an image"), 'image: is not an image file that can be read; use a JPEG, PNG, WebP, AVIF, GIF or TIFF file; got "./a.jpg"'],
    ["a truncated JPEG", "truncated", 'image: is damaged or incomplete and cannot be decoded'],
  ])("reports %s naming the article, and leaves the output alone", async (_name, bytes, message) => {
    const content = bytes === "truncated" ? (await photo(600, 400)).subarray(0, 2000) : (bytes as Buffer);
    const site = await makeSite({ "a.md": articleFile({ title: "A", date: "2025-08-15T09:00:00Z", image: "./a.jpg", imageAlt: "x" }), "a.jpg": content });
    const error = await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toContain(`content/articles/a.md: 1 problem\n  ${message}`);
    expect(existsSync(site.output)).toBe(false);
    await site.remove();
  });
});

describe("credits, thumbnails and decorative images", { timeout: 60_000 }, () => {
  it("captions the lead image with its credit, shows a decorative thumbnail in lists, and allows an empty alt only when marked decorative", async () => {
    const files = {
      "a.md": articleFile({ title: "A", date: "2025-08-15T09:00:00Z", image: "./a.jpg", imageAlt: "Boats", imageCredit: "Photo: Coast FM" }),
      "b.md": articleFile({ title: "B", date: "2025-08-16T09:00:00Z", image: "./a.jpg", imageAlt: "", imageDecorative: true }),
      "a.jpg": await photo(500, 300),
    };
    const site = await makeSite(files);
    await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
    expect(await site.page("/2025/08/15/a/")).toContain("<figcaption>Photo: Coast FM</figcaption></figure>");
    expect(await site.page("/2025/08/16/b/")).toMatch(/<img src="[^"]+" srcset="[^"]+" sizes="[^"]+" alt="" width="500"/);
    const home = await site.page("/");
    expect(home).toContain('<article class="teaser has-thumbnail">');
    expect(home).toMatch(/<img [^>]*alt="" width="500" height="300" loading="lazy" decoding="async">/);
    await site.remove();

    const bad = await makeSite({ ...files, "b.md": articleFile({ title: "B", date: "2025-08-16T09:00:00Z", image: "./a.jpg", imageAlt: " " }) });
    const error = await build({ input: bad.content, output: bad.output, cacheDir: join(bad.root, ".cache") }).catch((e: unknown) => e);
    expect((error as Error).message).toContain("content/articles/b.md: 1 problem\n  imageAlt: is empty; describe the image, or mark it decorative with imageDecorative: true");
    await bad.remove();
  });
});

describe("progressReporter", () => {
  it.each([
    [false, [[0, 4], [1, 4], [2, 4], [3, 4], [4, 4]], "Images: 1/4, about 3 s left\nImages: 2/4, about 2 s left\nImages: 3/4, about 1 s left\nImages: 4/4 in 4.0 s\n"],
    [true, [[1, 2], [2, 2]], "\rImages: 1/2, about 1 s left\u001b[K\rImages: 2/2 in 2.0 s\u001b[K\n"],
  ])("on a terminal %s", (isTTY, steps, expected) => {
    let out = "";
    let now = 0;
    const report = progressReporter("Images", { stream: { isTTY, write: (t: string) => (out += t) }, clock: () => now });
    for (const [done, total] of steps) {
      now = done! * 1000;
      report(done!, total!);
    }
    expect(out).toBe(expected);
  });
});
