// Card images: generated PNGs and cropped lead images at 1200 × 630, cached by what goes into them.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type Card,
  type CardJob,
  type CardName,
  cardCodeFiles,
  makeCards,
  startCards,
} from "../../../src/images/cards/card-render.ts";
import { cardFaces } from "../../../src/images/cards/card-fonts.ts";
import { cardSvg } from "../../../src/images/cards/card-layout.ts";
import { cardText as text, photo } from "../../helpers/cards.ts";

/** Bytes a generated card may take: the "about 25 KB", with room for the longest headlines. */
const CARD_BYTES_BUDGET = 32 * 1024;

// The first card of a process parses the fonts' layout tables and starts librsvg, seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "broadsheet-cards-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("cardCodeFiles", () => {
  const folder = new URL("../../../src/images/cards/", import.meta.url);
  // The bookkeeping: which card is needed, where it is cached, who draws it. A change here must not
  // make new cards, so none of these is hashed into a card's key.
  const bookkeeping = [
    "article-cards.ts",
    "card-cache.ts",
    "card-options.ts",
    "card-plan.ts",
    "card-plans.ts",
    "card-render.ts",
    "card-setup.ts",
    "draw-messages.ts",
    "draw-worker.ts",
    "draw-threads.ts",
    "draw-workers.ts",
    "early-cards.ts",
    "lead-hashes.ts",
  ];
  const importsOf = async (file: string) =>
    [...(await readFile(new URL(file, folder), "utf8")).matchAll(/^import [^;]*? from "([^"]+)";/gms)].map(
      (m) => m[1] as string,
    );

  it("names every .ts file of the folder or leaves it out as bookkeeping, so a new file must be sorted", async () => {
    const files = (await readdir(folder)).filter((f) => f.endsWith(".ts")).sort();
    expect([...cardCodeFiles, ...bookkeeping].sort()).toEqual(files);
    expect(cardCodeFiles.filter((f) => bookkeeping.includes(f))).toEqual([]);
  });

  it("holds every card module a listed file imports, so any code a drawing or a crop runs makes new cards when it changes", async () => {
    // The reading of imports sees them (type-only ones too, across lines).
    expect(await importsOf("card-draw.ts")).toEqual(expect.arrayContaining(["./card-png.ts", "./card-layout.ts"]));
    const outside: string[] = [];
    // Packages (sharp, fontkit) are in the recipe: by version, and the fonts by their files' hash;
    // ../sharp.ts only loads sharp (a crop's key holds sharp's versions).
    for (const file of cardCodeFiles)
      for (const from of await importsOf(file))
        if (from.startsWith(".") && from !== "../sharp.ts" && !cardCodeFiles.includes(from.replace(/^\.\//, "")))
          outside.push(`${file} → ${from}`);
    expect(outside).toEqual([]);
  });

  it("leaves pixels to the listed files: none of the bookkeeping loads sharp (a crop's key takes its versions from card-crop.ts)", async () => {
    const sharpUsers: string[] = [];
    for (const file of bookkeeping)
      if ((await importsOf(file)).some((from) => from === "sharp" || from === "../sharp.ts")) sharpUsers.push(file);
    expect(sharpUsers).toEqual([]);
  });
});

describe("makeCards", () => {
  it("renders a generated card as a 1200 × 630 PNG named after the job", async () => {
    const [card] = await makeCards([{ name: "bridge", text }], { cacheDir: join(dir, "cache") });
    expect(card).toMatchObject({
      name: expect.stringMatching(/^bridge-[0-9a-f]{10}\.png$/),
      width: 1200,
      height: 630,
      fromLead: false,
      fromCache: false,
    });
    const meta = await sharp(card!.file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);
  });

  it("keeps a generated card of four headline lines within the size budget, looking like the truecolour rendering", async () => {
    const long = {
      ...text,
      headline:
        "Harbour authority approves the “Quayside” ferry terminal after a 14-year wait & three public inquiries",
    };
    const [card] = await makeCards([{ name: "long", text: long }], { cacheDir: join(dir, "cache") });
    const meta = await sharp(card!.file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);
    // IHDR's bit depth and colour type: an 8-bit palette image.
    const png = await readFile(card!.file);
    expect([png[24], png[25]]).toEqual([8, 3]);
    // About 24 KB for a corpus headline; four lines of 76-pixel serif are the heaviest a card gets.
    expect((await stat(card!.file)).size).toBeLessThanOrEqual(CARD_BYTES_BUDGET);
    // The same SVG through librsvg as a truecolour image: glyphs are drawn from a cache at eighth-pixel
    // positions, so an edge may sit up to a sixteenth of a pixel away; on average the look is the same.
    const exact = await sharp(Buffer.from(cardSvg(long, cardFaces())))
      .removeAlpha()
      .raw()
      .toBuffer();
    const drawn = await sharp(card!.file).removeAlpha().raw().toBuffer();
    expect(drawn.length).toBe(exact.length);
    let sum = 0;
    let moved = 0;
    for (let i = 0; i < exact.length; i++) {
      const d = Math.abs(drawn[i]! - exact[i]!);
      sum += d;
      // One blend step of the headline's ink is (250 - 26) / 16 = 14 levels.
      if (d > 16) moved++;
    }
    expect(sum).toBeGreaterThan(0);
    expect(sum / exact.length).toBeLessThan(0.3);
    expect(moved / exact.length).toBeLessThan(0.002);
  });

  it("crops a large lead image to a 1200 × 630 JPEG, and gives a small one a generated card instead of blowing it up", async () => {
    await writeFile(join(dir, "tall.jpg"), await photo(1300, 1800));
    await writeFile(join(dir, "small.jpg"), await photo(1000, 700));
    const jobs: CardJob[] = [
      { name: "tall", text, lead: join(dir, "tall.jpg") },
      { name: "small", text, lead: join(dir, "small.jpg") },
    ];
    const [tall, small] = await makeCards(jobs, { cacheDir: join(dir, "cache") });
    expect(tall).toMatchObject({ name: expect.stringMatching(/^tall-[0-9a-f]{10}-card\.jpg$/), fromLead: true });
    const meta = await sharp(tall!.file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1200, 630]);
    expect(small).toMatchObject({ fromLead: false, name: expect.stringMatching(/\.png$/) });
  });

  it("leaves out a card it would have to generate when generated cards are off", async () => {
    await writeFile(join(dir, "small.jpg"), await photo(600, 400));
    const cards = await makeCards(
      [
        { name: "a", text, leadOnly: true },
        { name: "b", text, lead: join(dir, "small.jpg"), leadOnly: true },
      ],
      { cacheDir: join(dir, "cache") },
    );
    expect(cards).toEqual([null, null]);
  });

  it("takes an unchanged card from the cache without work; a changed headline makes a new card", async () => {
    const cacheDir = join(dir, "cache");
    await writeFile(join(dir, "lead.jpg"), await photo(1400, 800));
    const jobs: CardJob[] = [
      { name: "a", text },
      { name: "b", text, lead: join(dir, "lead.jpg") },
    ];
    const first = await makeCards(jobs, { cacheDir });
    const times = await Promise.all(first.map((c) => stat(c!.file).then((s) => s.mtimeMs)));
    const progress: number[] = [];
    const second = await makeCards(jobs, { cacheDir, onProgress: (done) => progress.push(done) });
    expect(second.map((c) => c?.fromCache)).toEqual([true, true]);
    expect(second.map((c) => c?.name)).toEqual(first.map((c) => c?.name));
    expect(await Promise.all(second.map((c) => stat(c!.file).then((s) => s.mtimeMs)))).toEqual(times);
    expect(progress).toEqual([1, 2]);
    const [changed] = await makeCards([{ name: "a", text: { ...text, headline: "Harbour bridge reopens early" } }], {
      cacheDir,
    });
    expect(changed).toMatchObject({ fromCache: false });
    expect(changed?.name).not.toBe(first[0]?.name);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith(".png"))).toHaveLength(2);
  });

  it("keys cards by their options too: another crop position is another card", async () => {
    await writeFile(join(dir, "lead.jpg"), await photo(1400, 800));
    const job = [{ name: "a", text, lead: join(dir, "lead.jpg") }];
    const [attention] = await makeCards(job, { cacheDir: join(dir, "cache") });
    const [centre] = await makeCards(job, { cacheDir: join(dir, "cache"), options: { position: "centre" } });
    expect(centre?.fromCache).toBe(false);
    expect(centre?.name).not.toBe(attention?.name);
  });
});

describe("startCards", () => {
  it("names every card before drawing; in the background the cards are the ones makeCards makes, byte for byte", async () => {
    await writeFile(join(dir, "lead.jpg"), await photo(1400, 800));
    await writeFile(join(dir, "small.jpg"), await photo(400, 300));
    const jobs: CardJob[] = [
      { name: "a", text },
      { name: "b", text: { ...text, headline: "Ferry returns" } },
      { name: "c", text, lead: join(dir, "lead.jpg") },
      { name: "d", text: { ...text, headline: "Small photo" }, lead: join(dir, "small.jpg") },
      { name: "e", text, lead: join(dir, "small.jpg"), leadOnly: true },
    ];
    const inline = await makeCards(jobs, { cacheDir: join(dir, "inline") });
    const progress: number[] = [];
    const { names, drawn } = await startCards(jobs, {
      cacheDir: join(dir, "background"),
      background: new AbortController().signal,
      onProgress: (done, total) => progress.push(done, total),
    });
    const name = (c: Card | CardName | null) =>
      c && { name: c.name, width: c.width, height: c.height, fromLead: c.fromLead };
    expect(names).toEqual(inline.map(name));
    const made = await drawn;
    expect(made.map(name)).toEqual(inline.map(name));
    for (const [i, card] of made.entries()) {
      if (!card) continue;
      expect(card.fromCache).toBe(false);
      expect((await readFile(card.file)).equals(await readFile(inline[i]!.file)), card.name).toBe(true);
    }
    // Every job counted once, the one without a card included.
    expect(progress.filter((_, i) => i % 2 === 0).sort()).toEqual([1, 2, 3, 4, 5]);
    const again = await startCards(jobs, {
      cacheDir: join(dir, "background"),
      background: new AbortController().signal,
    });
    expect((await again.drawn).map((c) => c?.fromCache ?? null)).toEqual([true, true, true, true, null]);
  });

  it("in the background, makes a damaged cached card again with a one-line notice, leaving one file", async () => {
    const cacheDir = join(dir, "cache");
    const [first] = await makeCards([{ name: "a", text }], { cacheDir });
    await writeFile(first!.file, "garbled");
    const notices: string[] = [];
    const { drawn } = await startCards([{ name: "a", text }], {
      cacheDir,
      background: new AbortController().signal,
      onNotice: (line) => notices.push(line),
    });
    const [again] = await drawn;
    expect(again).toMatchObject({ name: first!.name, fromCache: false });
    expect(notices).toEqual([expect.stringMatching(/^Card cache: .* is damaged .*; the card of a is made again$/)]);
    expect(await readdir(cacheDir)).toEqual([basename(again!.file)]);
  });

  it("stops drawing when its signal is aborted: `drawn` rejects", async () => {
    const stop = new AbortController();
    const jobs = Array.from({ length: 50 }, (_, i) => ({ name: `n${i}`, text: { ...text, headline: `Story ${i}` } }));
    const { names, drawn } = await startCards(jobs, { cacheDir: join(dir, "cache"), background: stop.signal });
    expect(names.every((c) => c !== null)).toBe(true);
    stop.abort(new Error("interrupted"));
    await expect(drawn).rejects.toThrow("interrupted");
  });
});
