// `npm run bench:cards`: what social cards cost. Renders N generated cards (headlines from the
// benchmark corpus) into an empty cache, then again from the cache, and prints wall and CPU time.
// Options: --cards N (default 1000), --lead (crops of a 2400 × 1600 photo instead), --position attention|centre,
// --phases (instead: one card's CPU time by phase and by encoder, on one core; see card-phases.ts).
// The warm pass runs in a new process, as a next build would, so nothing is remembered in memory.
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import sharp from "sharp";
import { type CardJob, makeCards } from "../../src/images/cards/card-render.ts";
import { constants } from "node:zlib";
import { cardFaces } from "../../src/images/cards/card-fonts.ts";
import { cardDesignDefaults, cardScene, type CardScene } from "../../src/images/cards/card-layout.ts";
import { wordCache } from "../../src/images/cards/card-words.ts";
import { encodeIndexedPng } from "../../src/images/cards/card-png.ts";
import { cardCanvas, cleanCard, drawCard, paintCard } from "../../src/images/cards/card-raster.ts";
import { cardDefaults, cardInks } from "../../src/images/cards/card-render.ts";
import { cardPhases } from "./card-phases.ts";
import { generateCorpus } from "./corpus.ts";

const { values } = parseArgs({
  options: {
    cards: { type: "string" },
    lead: { type: "boolean" },
    position: { type: "string" },
    warm: { type: "string" },
    phases: { type: "boolean" },
  },
});
const n = Number(values.cards ?? 1000);
const position = values.position === "centre" ? "centre" : "attention";

const dir = values.warm ?? (await mkdtemp(join(tmpdir(), "broadsheet-cards-bench-")));
const lead = join(dir, "lead.jpg");
if (values.lead && !values.warm) {
  // A 2400 × 1600 photo-like image: smooth gradients with noise, one per job so none is cached.
  const noise = Buffer.alloc(2400 * 1600 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = ((i % 7200) / 30 + ((i * 7919) % 61)) & 255;
  await writeFile(
    lead,
    await sharp(noise, { raw: { width: 2400, height: 1600, channels: 3 } })
      .jpeg({ quality: 85 })
      .toBuffer(),
  );
}
const titles = generateCorpus({ articles: n }).map(
  (f) => /^title: (.*)$/m.exec(f.text)?.[1]?.replace(/^"|"$/g, "") ?? "Untitled",
);
const jobs: CardJob[] = titles.map((headline, i) => ({
  name: `card-${i}`,
  // Crops of one photo would all share a key: each job gets its own copy, differing in one byte of metadata.
  lead: values.lead ? join(dir, `lead-${i}.jpg`) : undefined,
  text: {
    headline,
    source: "Northbridge Courier",
    site: "The Synthetic Ledger",
    date: "Tuesday 24 November 2026",
    host: "bench.example.org",
    language: "en-GB",
  },
}));
if (values.lead && !values.warm)
  await Promise.all(
    jobs.map(async (job, i) =>
      writeFile(
        job.lead!,
        await sharp(lead)
          .withMetadata({ exif: { IFD0: { ImageDescription: String(i) } } })
          .toBuffer(),
      ),
    ),
  );

async function run(label: string) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const cards = await makeCards(jobs, { cacheDir: join(dir, "cache"), options: { position } });
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const made = cards.filter((c) => c && !c.fromCache).length;
  let bytes = 0;
  for (const card of cards) if (card) bytes += (await stat(card.file)).size;
  console.log(
    `${label}: ${n} cards (${made} made) in ${wall.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU: ${((cpuSeconds / n) * 1000).toFixed(1)} ms CPU a card, ${Math.round(bytes / n).toLocaleString("en-US")} B a card`,
  );
}

/** CPU milliseconds a card of `work` over every item, on this thread and zlib's. */
async function cpuPerCard<T>(items: readonly T[], work: (item: T) => unknown): Promise<number> {
  const before = process.cpuUsage();
  for (const item of items) await work(item);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / items.length;
}

// The renderer cards use now: the scene (shaping), drawing from the glyph cache, the indexed PNG.
async function glyphCachePhases(texts: readonly CardJob["text"][]) {
  const faces = cardFaces();
  const canvas = cardCanvas();
  const words = wordCache();
  const { palette, inks } = cardInks(cardDefaults.png);
  const scenes: CardScene[] = [];
  const layout = await cpuPerCard(texts, (t) => scenes.push(cardScene(t, faces, cardDesignDefaults, words)));
  // The first pass fills the glyph cache, as a build's first cards do; the second is the steady state.
  const first = await cpuPerCard(scenes, (s) => drawCard(s, inks, canvas));
  const rows: Buffer[] = [];
  const draw = await cpuPerCard(scenes, (s) => rows.push(drawCard(s, inks, canvas)));
  const paint = await cpuPerCard(scenes, (s) => {
    paintCard(s, inks, canvas);
    cleanCard(canvas);
  });
  console.log(`glyph-cache renderer, ${texts.length} cards, CPU ms a card:`);
  console.log(`  layout (scene: shaping, line breaking): ${layout.toFixed(2)} ms`);
  console.log(`  draw, first pass (fills the glyph cache): ${first.toFixed(2)} ms`);
  console.log(`  draw, from the glyph cache:             ${draw.toFixed(2)} ms`);
  console.log(`  paint into the build's buffer (workers): ${paint.toFixed(2)} ms`);
  const z = constants;
  for (const [label, level, strategy] of [
    ["zlib 6", 6, z.Z_DEFAULT_STRATEGY],
    ["zlib 1", 1, z.Z_DEFAULT_STRATEGY],
    ["zlib 3", 3, z.Z_DEFAULT_STRATEGY],
    ["zlib 4", 4, z.Z_DEFAULT_STRATEGY],
    ["zlib 5", 5, z.Z_DEFAULT_STRATEGY],
    ["zlib 9", 9, z.Z_DEFAULT_STRATEGY],
    ["zlib 6 filtered", 6, z.Z_FILTERED],
    ["zlib RLE (default)", 4, z.Z_RLE],
  ] as const) {
    const sizes: number[] = [];
    const options = { ...cardDefaults.png, compressionLevel: level, strategy };
    const ms = await cpuPerCard(rows, async (r) =>
      sizes.push((await encodeIndexedPng(r, 1200, 630, palette, options)).length),
    );
    const bytes = Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);
    console.log(`  encode indexed PNG, ${label.padEnd(18)} ${ms.toFixed(2)} ms, ${bytes.toLocaleString("en-US")} B`);
  }
}

if (values.phases) {
  await cardPhases(jobs.map((job) => job.text));
  await glyphCachePhases(jobs.map((job) => job.text));
  await rm(dir, { recursive: true, force: true });
} else if (values.warm) await run("warm");
else {
  await run("cold");
  execFileSync(process.execPath, [...process.execArgv, ...process.argv.slice(1), "--warm", dir], { stdio: "inherit" });
  await rm(dir, { recursive: true, force: true });
}
