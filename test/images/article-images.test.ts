// Lead and body images through a build: responsive variants, the picture markup, the cache, and bad files.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import sharp from "sharp";
import { register } from "tsx/esm/api";
import { describe, expect, it } from "vitest";
import { build } from "../../.eleventy.ts";
import { ContentError } from "../../src/content/errors.ts";
import { progressReporter } from "../../src/cli/progress.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";

register();

/** A textured JPEG, made here so no binary fixture is needed; `seed` changes its pixels. */
async function photo(width: number, height: number, seed = 0): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = ((i + seed) * 7919) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

describe("a build with a lead image", () => {
  it("writes AVIF, WebP and JPEG variants no wider than the original and an eager picture; the next build takes them from the cache", async () => {
    const site = await makeSite({
      "a.md": articleFile({
        title: "A",
        date: "2025-08-15T09:00:00Z",
        image: "./a.jpg",
        imageAlt: "Boats in the harbour",
      }),
      "a.jpg": await photo(900, 600),
    });
    const options = { input: site.content, output: site.output, cacheDir: join(site.root, ".cache") };
    await build(options);
    const page = await site.page("/2025/08/15/a/");
    const figure = /<figure class="lead">(.*?)<\/figure>/s.exec(page)?.[1] ?? "";
    expect(figure).toMatch(
      /^<picture><source type="image\/avif" srcset="[^"]+-480\.avif 480w, [^"]+-800\.avif 800w, [^"]+-900\.avif 900w"/,
    );
    expect(figure).toContain('<source type="image/webp"');
    expect(figure).toMatch(
      /<img src="\/media\/a-[0-9a-f]{10}-900\.jpg" srcset="[^"]+" sizes="[^"]+" alt="Boats in the harbour" width="900" height="600" loading="eager" fetchpriority="high" decoding="async">/,
    );
    for (const [, url] of figure.matchAll(/(\/media\/[^ ",]+)/g))
      expect(existsSync(join(site.output, url!)), url).toBe(true);
    expect(figure).not.toContain("-1200.");
    const second = await build(options);
    expect(second.written).toBe(0);
    await site.remove();
  }, 120_000); // Encoding AVIF takes seconds on a busy 2-core machine.

  it.each([
    [
      "a text file named .jpg",
      Buffer.from("not an image"),
      'line 4: image: is not an image file that can be read; use a JPEG, PNG, WebP, AVIF, GIF or TIFF file; got "./a.jpg"',
    ],
    ["a truncated JPEG", "truncated", "line 4: image: is damaged or incomplete and cannot be decoded"],
  ])(
    "reports %s naming the article, and leaves the output alone",
    async (_name, bytes, message) => {
      const content = bytes === "truncated" ? (await photo(600, 400)).subarray(0, 2000) : (bytes as Buffer);
      const site = await makeSite({
        "a.md": articleFile({ title: "A", date: "2025-08-15T09:00:00Z", image: "./a.jpg", imageAlt: "x" }),
        "a.jpg": content,
      });
      const error = await build({
        input: site.content,
        output: site.output,
        cacheDir: join(site.root, ".cache"),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as Error).message).toContain(`content/articles/a.md: 1 problem\n  ${message}`);
      expect(existsSync(site.output)).toBe(false);
      await site.remove();
    },
    120_000,
  ); // Encoding AVIF takes seconds on a busy 2-core machine.
});

describe("credits, thumbnails and decorative images", () => {
  it("captions the lead image with its credit, shows a decorative thumbnail in lists, and allows an empty alt only when marked decorative", async () => {
    const files = {
      "a.md": articleFile({
        title: "A",
        date: "2025-08-15T09:00:00Z",
        image: "./a.jpg",
        imageAlt: "Boats",
        imageCredit: "Photo: Coast FM",
      }),
      "b.md": articleFile({
        title: "B",
        date: "2025-08-16T09:00:00Z",
        image: "./a.jpg",
        imageAlt: "",
        imageDecorative: true,
      }),
      "a.jpg": await photo(500, 300),
    };
    const site = await makeSite(files);
    await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
    expect(await site.page("/2025/08/15/a/")).toContain("<figcaption>Photo: Coast FM</figcaption></figure>");
    expect(await site.page("/2025/08/16/b/")).toMatch(
      /<img src="[^"]+" srcset="[^"]+" sizes="[^"]+" alt="" width="500"/,
    );
    const home = await site.page("/");
    expect(home).toContain('<article class="teaser has-thumbnail">');
    expect(home).toMatch(/<img [^>]*alt="" width="500" height="300" loading="lazy" decoding="async">/);
    await site.remove();

    const bad = await makeSite({
      ...files,
      "b.md": articleFile({ title: "B", date: "2025-08-16T09:00:00Z", image: "./a.jpg", imageAlt: " " }),
    });
    const error = await build({ input: bad.content, output: bad.output, cacheDir: join(bad.root, ".cache") }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain(
      "content/articles/b.md: 1 problem\n  line 5: imageAlt: is empty; describe the image, or mark it decorative with imageDecorative: true",
    );
    await bad.remove();
  }, 120_000); // Encoding AVIF takes seconds on a busy 2-core machine.
});

describe("a build with body images", () => {
  const body =
    'A first paragraph.\n\n![Boats in the harbour](./boats.jpg "Photo: Coast FM")\n\nText.\n\n![](rule.png "decorative")\n';
  const bodyPicture = /<p><picture>(.*?)<\/picture><\/p>/gs;

  it("makes a lazy picture per image, in every format and width up to the original's; the next build takes them from the cache; a changed file under the same name changes the page", async () => {
    const rule = await sharp({
      create: { width: 300, height: 12, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const site = await makeSite({
      "a.md": articleFile({ title: "A", date: "2025-08-15T09:00:00Z" }, body),
      "boats.jpg": await photo(900, 600),
      "rule.png": rule,
    });
    const options = { input: site.content, output: site.output, cacheDir: join(site.root, ".cache") };
    const first = await build(options);
    expect(first.images).toMatchObject({ processed: 2, cached: 0 });
    const page = await site.page("/2025/08/15/a/");
    const [boats, decorative] = [...page.matchAll(bodyPicture)].map((m) => m[1]!);
    const sizes = 'sizes="(min-width: 44rem) 40rem, 100vw"';
    expect(boats).toMatch(
      new RegExp(
        `^<source type="image/avif" srcset="/media/boats-[0-9a-f]{10}-480\\.avif 480w, [^"]+-800\\.avif 800w, [^"]+-900\\.avif 900w" ${sizes.replace(/[()]/g, "\\$&")}>`,
      ),
    );
    expect(boats).toContain('<source type="image/webp" srcset="/media/boats-');
    expect(boats).toMatch(
      /<img src="\/media\/boats-[0-9a-f]{10}-900\.jpg" srcset="[^"]+-480\.jpg 480w, [^"]+-800\.jpg 800w, [^"]+-900\.jpg 900w" sizes="[^"]+" alt="Boats in the harbour" title="Photo: Coast FM" width="900" height="600" loading="lazy" decoding="async">$/,
    );
    expect(boats).not.toContain("fetchpriority");
    // Transparency keeps a PNG fallback; 300 pixels wide gives one width; "decorative" gives an empty alt and no title.
    expect(decorative).toMatch(
      /<img src="\/media\/rule-[0-9a-f]{10}-300\.png" srcset="[^"]+-300\.png 300w" sizes="[^"]+" alt="" width="300" height="12" loading="lazy" decoding="async">$/,
    );
    const urls = [...page.matchAll(/\/media\/[^ ",]+/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(existsSync(join(site.output, url)), url).toBe(true);

    const second = await build(options);
    expect([second.images.processed, second.images.cached, second.written]).toEqual([0, 2, 0]);

    await writeFile(join(site.content, "articles", "boats.jpg"), await photo(900, 600, 1));
    const third = await build(options);
    // The body's Markdown came from the cache, yet the page shows the new file's variants.
    expect([third.markdown, third.images.processed, third.images.cached]).toEqual([0, 1, 1]);
    const changed = await site.page("/2025/08/15/a/");
    const name = (html: string) => /\/media\/boats-([0-9a-f]{10})-900\.jpg/.exec(html)?.[1];
    expect(name(changed)).toBeDefined();
    expect(name(changed)).not.toBe(name(page));
    expect(existsSync(join(site.output, `media/boats-${name(changed)}-480.avif`))).toBe(true);
    await site.remove();
  }, 120_000);

  it("reports every bad lead and body image of a build at once, naming the article, line and path, and leaves the previous output as it was", async () => {
    const settings = { ...fixtureSettings, images: { widths: [40, 80], maxPixels: 10_000 } };
    const good = {
      "a.md": articleFile({ title: "A", date: "2025-08-15T09:00:00Z" }, body),
      "boats.jpg": await photo(120, 80),
      "rule.png": await photo(40, 4),
    };
    const site = await makeSite(good, settings);
    const options = { input: site.content, output: site.output, cacheDir: join(site.root, ".cache") };
    await build(options);
    const before = await readTree(site.output);
    const whole = await photo(90, 60, 3);
    const bad = [
      "Intro.",
      "![Missing](./missing.jpg)",
      "![Escape](../../../etc/passwd)",
      "![Text](./notes.jpg)",
      "![Cut](./cut.jpg)",
      "![Big](./big.jpg)",
      "![](./boats.jpg)",
      "![Remote](https://example.com/x.jpg)",
    ].join("\n\n");
    await writeFile(
      join(site.content, "articles", "b.md"),
      articleFile({ title: "B", date: "2025-08-16T09:00:00Z", image: "../../../etc/passwd", imageAlt: "Lead" }, bad),
    );
    await writeFile(join(site.content, "articles", "notes.jpg"), "Notes, not a photo.\n");
    await writeFile(join(site.content, "articles", "cut.jpg"), whole.subarray(0, whole.length / 2));
    await writeFile(join(site.content, "articles", "big.jpg"), await photo(200, 100));
    const error = await build(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message.replaceAll(relative(process.cwd(), site.root), "<root>")).toMatchInlineSnapshot(`
      "<root>/content/articles/b.md: 8 problems
        line 20: body: image "./boats.jpg" has no alt text; describe what it shows, as in ![Boats in the harbour at dawn](./boats.jpg), or mark it decorative with the title "decorative": ![](./boats.jpg "decorative")
        line 22: body: image "https://example.com/x.jpg" is not a file of this site; save the image next to the article and write its path, such as ![Remote](./photo.jpg): pages may only show the site's own images (Content-Security-Policy img-src 'self')
        line 4: image: must point to a file inside the content folder; got "../../../etc/passwd"
        line 10: body: image "./missing.jpg" names a file that does not exist
        line 12: body: image "../../../etc/passwd" must point to a file inside the content folder
        line 14: body: image "./notes.jpg" is not an image file that can be read; use a JPEG, PNG, WebP, AVIF, GIF or TIFF file
        line 16: body: image "./cut.jpg" is damaged or incomplete and cannot be decoded; export or download it again
        line 18: body: image "./big.jpg" is 0.02 megapixels; the limit is 0.01 megapixels (maxPixels)
        See README.md#front-matter"
    `);
    expect(await readTree(site.output)).toEqual(before);
    await site.remove();
  }, 120_000);
});

describe("progressReporter", () => {
  it.each([
    [
      false,
      [
        [0, 4],
        [1, 4],
        [2, 4],
        [3, 4],
        [4, 4],
      ],
      "Images: 1/4, about 3 s left\nImages: 2/4, about 2 s left\nImages: 3/4, about 1 s left\nImages: 4/4 in 4.0 s\n",
    ],
    [
      true,
      [
        [1, 2],
        [2, 2],
      ],
      "\rImages: 1/2, about 1 s left\u001b[K\rImages: 2/2 in 2.0 s\u001b[K\n",
    ],
  ])("on a terminal %s", (isTTY, steps, expected) => {
    let out = "";
    let now = 0;
    const report = progressReporter("Images", {
      stream: { isTTY, write: (t: string) => (out += t) },
      clock: () => now,
    });
    for (const [done, total] of steps) {
      now = done! * 1000;
      report(done!, total!);
    }
    expect(out).toBe(expected);
  });
});
