// Social card images: a lead image cropped to the card size, or a generated card drawn from glyph
// outlines, cached by a hash of everything that goes into them, so an unchanged card costs no work.
// A card's name comes from that hash, so a build knows every card's name before drawing any, and a
// production build draws the missing ones in worker threads while it renders its pages.
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { listStore } from "./card-cache.ts";
import { type DrawState, drawState } from "./card-draw.ts";
import { fontsRecipe } from "./card-fonts.ts";
import { cardDesignDefaults } from "./card-layout.ts";
import {
  type Card,
  type CardJob,
  type CardName,
  type CardOptions,
  type CardProcessing,
  cardDefaults,
} from "./card-options.ts";
import { type CardSetup, type MissingCard, makeMissing, planCard } from "./card-plan.ts";
import { recallPlans } from "./card-plans.ts";
import { readLeadHashes } from "./lead-hashes.ts";
import { pool } from "../pool.ts";
import { drawInWorkers, endWorkers } from "./draw-workers.ts";

export { cardInks } from "./card-draw.ts";
export { type Card, type CardJob, type CardName, type CardOptions, type CardProcessing, cardDefaults };

// Hash of the card code itself: a change to the layout, the glyph shaping or the crop makes new cards.
// Kept per process, not per build, on purpose: it must describe the code this process loaded, and an
// edit to these files during a dev server's life does not reload them.
let code: string | undefined;
/**
 * The files whose code shapes a card's pixels, hashed into every card's cache key: the drawing of a
 * generated card, its layout and fonts, the crop of a lead image. Not the bookkeeping (the cache, the
 * plans, this file, the workers): a change there must not redraw every card of every site. The
 * options' values are in the recipe as data, so card-options.ts is not listed either.
 */
export const cardCodeFiles = [
  "card-crop.ts",
  "card-draw.ts",
  "card-fonts.ts",
  "card-glyphs.ts",
  "card-layout.ts",
  "card-png.ts",
  "card-raster.ts",
  "card-words.ts",
  "card-wrap.ts",
];
const codeHash = async () => {
  if (code) return code;
  const hash = createHash("sha256");
  for (const file of cardCodeFiles) hash.update(await readFile(new URL(`./${file}`, import.meta.url)));
  return (code = hash.digest("hex"));
};

/** The options and the recipe of one build's cards: what every card key hashes besides the card's own input. */
async function cardRecipe(processing: CardProcessing): Promise<Omit<CardSetup, "store" | "leads">> {
  const options: CardOptions = { ...cardDefaults, ...processing.options };
  const recipe = JSON.stringify({
    // How many at once and where changes no card's bytes.
    options: { ...options, concurrency: 0, workers: 0 },
    design: cardDesignDefaults,
    fonts: fontsRecipe(),
    code: await codeHash(),
    sharp: sharp.versions,
  });
  return { options, recipe };
}

/** The listed cache, for the jobs the plans of a dev server's last rebuild did not answer. */
async function cardSetup(processing: CardProcessing, base: Omit<CardSetup, "store" | "leads">): Promise<CardSetup> {
  await mkdir(processing.cacheDir, { recursive: true });
  const store = await listStore(processing.cacheDir, processing.onNotice ?? ((line) => console.warn(line)));
  return { ...base, store, leads: readLeadHashes(`${processing.cacheDir}.leads`) };
}

/** Makes (or finds in the cache) the card of each job on this thread, `concurrency` jobs at once; null where a job has none. */
export async function makeCards(jobs: readonly CardJob[], processing: CardProcessing): Promise<(Card | null)[]> {
  if (jobs.length === 0) return [];
  const base = await cardRecipe(processing);
  const recall = recallPlans(processing.plans, base.recipe, jobs);
  const results = recall.known.map((card) => card ?? null);
  const todo = [...jobs.entries()].filter(([i]) => recall.known[i] === undefined);
  let done = jobs.length - todo.length;
  if (done > 0) processing.onProgress?.(done, jobs.length);
  if (todo.length > 0) {
    // The cache is listed (and its record read) only when some job is not answered by the plans.
    const setup = await cardSetup(processing, base);
    // Shaped words, glyph bitmaps and the frame, made once for this build's cards, when one is drawn.
    let state: DrawState | undefined;
    const draw = () => (state ??= drawState(setup.options.png));
    await pool(todo, Math.max(1, setup.options.concurrency), async ([i, job]) => {
      const planned = await planCard(job, setup);
      results[i] = planned && "missing" in planned ? await makeMissing(planned.missing, setup, draw) : planned;
      processing.onProgress?.(++done, jobs.length);
    });
  }
  for (const [i, card] of results.entries()) recall.keep(i, card);
  recall.save();
  return results;
}

/**
 * Every job's card name at once, and the cards themselves when drawn. With `processing.background`,
 * missing generated cards are drawn by worker threads after this returns (lead images are cropped on
 * sharp's threads meanwhile); `drawn` rejects with the first error, or when the signal stops them.
 * Without it, every card is made (as makeCards does) before this returns.
 */
export async function startCards(
  jobs: readonly CardJob[],
  processing: CardProcessing,
): Promise<{ names: (CardName | null)[]; drawn: Promise<(Card | null)[]> }> {
  const signal = processing.background;
  if (!signal || jobs.length === 0) {
    endWorkers(processing.started ?? []);
    const made = await makeCards(jobs, processing);
    return { names: made, drawn: Promise.resolve(made) };
  }
  const setup = await cardSetup(processing, await cardRecipe(processing));
  const results: (Card | null)[] = jobs.map(() => null);
  const names: (CardName | null)[] = jobs.map(() => null);
  const missing: [number, MissingCard][] = [];
  let done = 0;
  const progress = () => processing.onProgress?.(++done, jobs.length);
  await pool([...jobs.entries()], Math.max(1, setup.options.concurrency), async ([i, job]) => {
    const planned = await planCard(job, setup);
    if (planned && "missing" in planned) {
      missing.push([i, planned.missing]);
      names[i] = planned.missing.card;
      return;
    }
    [results[i], names[i]] = [planned, planned];
    progress();
  });
  const made = (i: number, card: Card) => {
    results[i] = card;
    progress();
  };
  const leads = missing.filter(([, m]) => m.lead);
  const generated = missing.filter(([, m]) => !m.lead);
  const drawn = Promise.all([
    pool(leads, Math.max(1, setup.options.concurrency), async ([i, m]) => {
      signal.throwIfAborted();
      made(i, await makeMissing(m, setup, () => drawState(setup.options.png)));
    }),
    drawInWorkers(
      generated.map(([, m]) => ({ key: m.key, text: m.text, damaged: setup.store.damaged.get(m.key) })),
      {
        dir: setup.store.dir,
        png: setup.options.png,
        workers: Math.max(1, setup.options.workers),
        signal,
        started: processing.started,
        helpFrom: processing.helpFrom,
        onDrawn: (j, file) => {
          const [i, m] = generated[j] ?? [];
          if (i === undefined || !m) return;
          setup.store.files.set(m.key, file);
          made(i, { ...m.card, file: join(setup.store.dir, file), fromCache: false });
        },
      },
    ),
  ]).then(() => results);
  // Awaited by the build before it commits; until then a failure must not count as unhandled.
  drawn.catch(() => undefined);
  return { names, drawn };
}
