// The card cache is verified: a cache file that was emptied, cut short or garbled is made again (and
// told in one line), never published; an intact one is used without work.
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type CardJob, makeCards } from "../../../src/images/cards/card-render.ts";
import { cardText as text, photo } from "../../helpers/cards.ts";

vi.setConfig({ testTimeout: 30_000 });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "broadsheet-card-cache-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const damage: Record<string, (bytes: Buffer) => Buffer> = {
  emptied: () => Buffer.alloc(0),
  "cut short": (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)),
  garbled: (bytes) => {
    const garbled = Buffer.from(bytes);
    for (let i = 100; i < 200; i++) garbled[i] = garbled[i]! ^ 0xff;
    return garbled;
  },
};

describe("card cache", () => {
  for (const kind of ["generated", "cropped lead"] as const) {
    it(`names each ${kind} card's cache file after a hash of its content, and uses an intact one without work`, async () => {
      const jobs = await jobsFor(kind);
      const cacheDir = join(dir, "cache");
      const [first] = await makeCards(jobs, { cacheDir });
      const bytes = await readFile(first!.file);
      const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
      expect(basename(first!.file)).toMatch(new RegExp(`^[0-9a-f]{64}-${hash}\\.(png|jpg)$`));
      const notices: string[] = [];
      const time = (await stat(first!.file)).mtimeMs;
      const [second] = await makeCards(jobs, { cacheDir, onNotice: (line) => notices.push(line) });
      expect(second).toEqual({ ...first, fromCache: true });
      expect((await stat(second!.file)).mtimeMs).toBe(time);
      expect(notices).toEqual([]);
    });

    for (const [how, spoil] of Object.entries(damage))
      it(`makes a ${kind} card again, with a notice, when its cache file was ${how}`, async () => {
        const jobs = await jobsFor(kind);
        const [clean] = await makeCards(jobs, { cacheDir: join(dir, "clean") });
        const cleanBytes = await readFile(clean!.file);
        const cacheDir = join(dir, "cache");
        const [first] = await makeCards(jobs, { cacheDir });
        await writeFile(first!.file, spoil(await readFile(first!.file)));
        const notices: string[] = [];
        const [again] = await makeCards(jobs, { cacheDir, onNotice: (line) => notices.push(line) });
        expect(again).toMatchObject({ name: clean!.name, fromCache: false, fromLead: kind === "cropped lead" });
        expect((await readFile(again!.file)).equals(cleanBytes)).toBe(true);
        expect(notices).toHaveLength(1);
        expect(notices[0]).toContain(first!.file);
        expect(notices[0]).toMatch(/damaged/);
        expect(notices[0]).not.toMatch(/\n/);
        // Repaired: the next build takes it from the cache, quietly, and only one file holds the card.
        const [third] = await makeCards(jobs, { cacheDir, onNotice: (line) => notices.push(line) });
        expect(third).toMatchObject({ name: clean!.name, fromCache: true });
        expect(notices).toHaveLength(1);
        expect(await readdir(cacheDir)).toEqual([basename(again!.file)]);
      });

    it(`makes a ${kind} card again, with a notice, when its listed cache file is gone before it is read`, async () => {
      const jobs = await jobsFor(kind);
      const cacheDir = join(dir, "cache");
      const [first] = await makeCards(jobs, { cacheDir });
      const cleanBytes = await readFile(first!.file);
      const notices: string[] = [];
      // Removed between the build's listing and the card's turn: the progress callback of a first job runs after the listing.
      const [, again] = await makeCards([{ name: "other", text: { ...text, headline: "Other" } }, ...jobs], {
        cacheDir,
        options: { concurrency: 1 },
        onProgress: (done) => {
          if (done === 1) rmSync(first!.file);
        },
        onNotice: (line) => notices.push(line),
      });
      expect(again).toMatchObject({ name: first!.name, fromCache: false });
      expect((await readFile(again!.file)).equals(cleanBytes)).toBe(true);
      expect(notices).toHaveLength(1);
    });
  }

  it("keeps nothing between builds in memory: a cache file removed after one build is simply made again by the next", async () => {
    const jobs = await jobsFor("generated");
    const cacheDir = join(dir, "cache");
    const [first] = await makeCards(jobs, { cacheDir });
    await rm(first!.file);
    const notices: string[] = [];
    const [again] = await makeCards(jobs, { cacheDir, onNotice: (line) => notices.push(line) });
    expect(again).toMatchObject({ name: first!.name, fromCache: false });
    expect(notices).toEqual([]);
  });
});

async function jobsFor(kind: "generated" | "cropped lead"): Promise<CardJob[]> {
  if (kind === "generated") return [{ name: "bridge", text }];
  const lead = join(dir, "lead.jpg");
  await writeFile(lead, await photo(1400, 800));
  return [{ name: "bridge", text, lead }];
}
