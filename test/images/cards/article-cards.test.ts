// Social cards through a build: og:image tags on article pages, the files in /media/, the cache, the setting.
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { register } from "tsx/esm/api";
import { describe, expect, it, vi } from "vitest";
import { build } from "../../../.eleventy.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../../helpers/fixture.ts";
import { BuildInterrupted } from "../../../src/build/production.ts";
import { photo } from "../../helpers/cards.ts";

register();

const ogTags = (page: string) =>
  [...page.matchAll(/<meta (?:property="og:image[^"]*"|name="twitter:card") content="[^"]*">/g)].map((m) => m[0]);

describe("social cards in a build", () => {
  // The first card of a process parses the fonts' layout tables and starts librsvg: allow for a slow machine.
  it("gives each article a 1200 × 630 og:image: the lead image cropped, or a generated card; the next build does no card work", {
    timeout: 60_000,
  }, async () => {
    const site = await makeSite(
      {
        "plain.md": articleFile({
          title: "Storm closes the <coast> road",
          date: "2025-08-15T09:00:00Z",
          source: "Coast FM",
        }),
        "photo.md": articleFile({
          title: "Boats return",
          date: "2025-08-16T09:00:00Z",
          image: "./boats.jpg",
          imageAlt: "Boats in the harbour",
        }),
        "boats.jpg": await photo(1400, 900),
      },
      { ...fixtureSettings, socialCards: true },
    );
    const options = { input: site.content, output: site.output, cacheDir: join(site.root, ".cache") };
    await build(options);
    const plain = ogTags(await site.page("/2025/08/15/plain/"));
    expect(plain).toEqual([
      expect.stringMatching(
        /^<meta property="og:image" content="https:\/\/fixture\.example\.org\/media\/plain-[0-9a-f]{10}\.png">$/,
      ),
      '<meta property="og:image:width" content="1200">',
      '<meta property="og:image:height" content="630">',
      '<meta property="og:image:alt" content="Storm closes the &lt;coast&gt; road">',
      '<meta name="twitter:card" content="summary_large_image">',
    ]);
    const photoTags = ogTags(await site.page("/2025/08/16/photo/"));
    expect(photoTags[0]).toMatch(/\/media\/boats-[0-9a-f]{10}-card\.jpg">$/);
    expect(photoTags[3]).toBe('<meta property="og:image:alt" content="Boats in the harbour">');
    for (const tags of [plain, photoTags]) {
      const file = join(site.output, new URL(/content="([^"]+)"/.exec(tags[0]!)![1]!).pathname);
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height]).toEqual([1200, 630]);
    }
    const cacheDir = join(site.root, ".cache", "cards");
    const cached = async () =>
      Promise.all((await readdir(cacheDir)).sort().map(async (f) => [f, (await stat(join(cacheDir, f))).mtimeMs]));
    const before = await cached();
    const second = await build(options);
    expect(second.written).toBe(0);
    expect(await cached()).toEqual(before);
    await site.remove();
  });

  it("every page's og:image is a file of the output with the width and height the page declares", {
    timeout: 120_000,
  }, async () => {
    const titles = [
      "Ferry timetable changes",
      "Council votes on the “Quayside” plan after a long and bitter argument about parking, trees and a new bus lane",
      "Ōtautahi choir wins & celebrates",
      "Flood warning lifted",
    ];
    const files: Record<string, string | Buffer> = Object.fromEntries(
      titles.map((title, i) => [
        `a${i}.md`,
        articleFile({ title, date: `2025-08-1${i}T09:00:00Z`, source: i % 2 ? "Coast FM" : undefined }),
      ]),
    );
    files["lead.md"] = articleFile({
      title: "Boats return",
      date: "2025-08-19T09:00:00Z",
      image: "./boats.jpg",
      imageAlt: "Boats in the harbour",
    });
    files["boats.jpg"] = await photo(1600, 1000);
    const site = await makeSite(files, { ...fixtureSettings, socialCards: true });
    const summary = await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
    const pages = (await readdir(site.output, { recursive: true })).filter((f) => f.endsWith(".html"));
    let checked = 0;
    for (const path of pages) {
      const page = await readFile(join(site.output, path), "utf8");
      const declared = (name: string) =>
        new RegExp(`<meta property="og:image${name}" content="([^"]+)">`).exec(page)?.[1];
      const url = declared("");
      if (url === undefined) continue;
      const file = join(site.output, new URL(url).pathname);
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height], path).toEqual([Number(declared(":width")), Number(declared(":height"))]);
      checked++;
    }
    // Every article page has a card: four generated, one cropped from its lead image.
    expect(checked).toBeGreaterThanOrEqual(titles.length + 1);
    // The default host's budget is reported with the build.
    expect(summary.budget).toMatchObject({ level: "ok", lines: [expect.stringMatching(/^GitHub Pages: site size/)] });
    await site.remove();
  });

  it("with socialCards false, generates no card: an article without a lead image has no og:image", async () => {
    const site = await makeSite(
      { "plain.md": articleFile({ title: "Storm", date: "2025-08-15T09:00:00Z" }) },
      { ...fixtureSettings, socialCards: false },
    );
    await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
    expect(ogTags(await site.page("/2025/08/15/plain/"))).toEqual(['<meta name="twitter:card" content="summary">']);
    expect(await readdir(join(site.output, "media")).catch(() => [])).toEqual([]);
    await site.remove();
  });

  it("an interrupt while the cards are drawn leaves the output as it was; the next build equals a clean one", {
    timeout: 180_000,
  }, async () => {
    const story = (i: number, title: string) =>
      articleFile({ title: `${title} ${i}`, date: `2025-08-${String(10 + (i % 15)).padStart(2, "0")}T09:00:00Z` });
    const files = (title: string) =>
      Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`s${i}.md`, story(i, title)]));
    const site = await makeSite(files("Tide tables printed"), { ...fixtureSettings, socialCards: true });
    const options = { input: site.content, output: site.output, cacheDir: join(site.root, ".cache") };
    await build(options);
    const before = await readTree(site.output);
    // New headlines: 40 cards to draw. The build is interrupted at its first progress line of cards
    // (when the worker has reported some and not all).
    for (const [name, text] of Object.entries(files("Harbour lights relit")))
      await writeFile(join(site.content, "articles", name), text);
    const stop = new AbortController();
    const write = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      if (/^Cards: \d+\/40, about/.test(String(chunk))) stop.abort();
      return write(chunk);
    });
    try {
      await expect(build({ ...options, signal: stop.signal })).rejects.toBeInstanceOf(BuildInterrupted);
    } finally {
      spy.mockRestore();
    }
    expect(stop.signal.aborted).toBe(true);
    const after = await readTree(site.output);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), path).toBe(true);
    // The cards drawn before the interrupt are whole files the next build can use.
    await build(options);
    const clean = join(site.root, "clean");
    await build({ ...options, output: clean, cacheDir: join(site.root, ".clean-cache") });
    const [next, fresh] = [await readTree(site.output), await readTree(clean)];
    expect([...next.keys()]).toEqual([...fresh.keys()]);
    for (const [path, bytes] of fresh) expect(next.get(path)?.equals(bytes), path).toBe(true);
    await site.remove();
  });
});
