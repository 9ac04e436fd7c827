// Social card images: a lead image cropped to the card size, or a generated card drawn from glyph
// outlines, cached by a hash of everything that goes into them, so an unchanged card costs no work.
// A card's name comes from that hash, so a build knows every card's name before drawing any, and a
// production build draws the missing ones in worker threads while it renders its pages.
import { join } from "node:path";
import { type DrawState, drawState } from "./card-draw.ts";
import {
  type Card,
  type CardJob,
  type CardName,
  type CardOptions,
  type CardProcessing,
  cardDefaults,
} from "./card-options.ts";
import { type MissingCard, makeMissing, planCard } from "./card-plan.ts";
import { recallPlans } from "./card-plans.ts";
import { pool } from "../pool.ts";
import { endWorkers } from "./draw-threads.ts";
import { type DrawTask, openDrawing } from "./draw-workers.ts";
import { cardRecipe, cardSetup } from "./card-setup.ts";
import { takeEarly } from "./early-cards.ts";

export { cardInks } from "./card-draw.ts";
export { type Card, type CardJob, type CardName, type CardOptions, type CardProcessing, cardDefaults };

export { cardCodeFiles } from "./card-setup.ts";

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
  const early = takeEarly(processing);
  if (!signal || jobs.length === 0) {
    early?.drawing.close();
    endWorkers(processing.started ?? []);
    const made = await makeCards(jobs, processing);
    return { names: made, drawn: Promise.resolve(made) };
  }
  // A drawing begun while the content was read (early-cards.ts) goes on with the cards it has not taken.
  early?.flush();
  const setup = early?.setup ?? (await cardSetup(processing, await cardRecipe(processing)));
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
  // Each generated card's task in the drawing: the one begun early for its key, else one added now.
  const keys = early?.keys ?? new Map<string, number>();
  const first = keys.size;
  const waiting = new Map<number, [number, MissingCard][]>();
  const fresh: DrawTask[] = [];
  for (const [i, m] of generated) {
    let index = keys.get(m.key);
    if (index === undefined) {
      keys.set(m.key, (index = first + fresh.length));
      fresh.push({ key: m.key, text: m.text, damaged: setup.store.damaged.get(m.key) });
    }
    waiting.set(index, [...(waiting.get(index) ?? []), [i, m]]);
  }
  const onDrawn = (index: number, file: string) => {
    for (const [i, m] of waiting.get(index) ?? []) {
      setup.store.files.set(m.key, file);
      made(i, { ...m.card, file: join(setup.store.dir, file), fromCache: false });
    }
  };
  const drawing =
    early?.drawing ??
    openDrawing({
      dir: setup.store.dir,
      png: setup.options.png,
      workers: Math.max(1, Math.min(setup.options.workers, fresh.length)),
      signal,
      started: processing.started,
      helpFrom: processing.helpFrom,
      onDrawn,
    });
  if (early) {
    early.listen = onDrawn;
    for (const [index, file] of early.drawn) onDrawn(index, file);
  }
  drawing.add(fresh);
  drawing.close();
  const drawn = Promise.all([
    pool(leads, Math.max(1, setup.options.concurrency), async ([i, m]) => {
      signal.throwIfAborted();
      made(i, await makeMissing(m, setup, () => drawState(setup.options.png)));
    }),
    drawing.done,
  ]).then(() => results);
  // Awaited by the build before it commits; until then a failure must not count as unhandled.
  drawn.catch(() => undefined);
  return { names, drawn };
}
