// Generated cards drawn while the content is still being read: a cold production build knows a card's
// text as soon as an article is parsed, so its workers (started ahead) draw from then on instead of
// waiting for the last file; startCards goes on with the same drawing.
import type { CardJob, CardProcessing } from "./card-options.ts";
import { type CardSetup, cardKey } from "./card-plan.ts";
import { cardRecipe, cardSetup } from "./card-setup.ts";
import { type DrawTask, type Drawing, openDrawing } from "./draw-workers.ts";

/** A drawing begun before every job was known (earlyCards), taken over by startCards. */
export interface EarlyDrawing {
  setup: CardSetup;
  drawing: Drawing;
  /** Cache key (with its extension) → the task's index in the drawing. */
  keys: Map<string, number>;
  /** Task index → the file drawn, kept for startCards, which is told of later ones through `listen`. */
  drawn: Map<number, string>;
  listen: (index: number, file: string) => void;
  /** Hands the jobs added since the last call to the workers. */
  flush(): void;
}

/** Jobs handed to the workers at once: few messages, and the first cards begin early. */
const BATCH = 16;

// The drawings begun for each build's card processing, taken once by startCards.
const begun = new WeakMap<CardProcessing, EarlyDrawing>();

/**
 * For a production build whose workers were started ahead (a cold card cache): a function that starts
 * drawing the generated card of a job at once, unless it is in the cache; undefined when there are no
 * such workers. Jobs with a lead image are left to startCards, which plans every job as before.
 */
export async function earlyCards(processing: CardProcessing): Promise<((job: CardJob) => void) | undefined> {
  const signal = processing.background;
  if (!signal || !processing.started?.length || begun.has(processing)) return undefined;
  const setup = await cardSetup(processing, await cardRecipe(processing));
  const keys = new Map<string, number>();
  const pending: DrawTask[] = [];
  const early: EarlyDrawing = {
    setup,
    keys,
    drawn: new Map(),
    listen: () => undefined,
    drawing: openDrawing({
      dir: setup.store.dir,
      png: setup.options.png,
      workers: Math.max(1, setup.options.workers),
      signal,
      started: processing.started,
      helpFrom: processing.helpFrom,
      onDrawn: (index, file) => {
        early.drawn.set(index, file);
        early.listen(index, file);
      },
    }),
    flush: () => {
      early.drawing.add(pending.splice(0));
    },
  };
  // The workers are the drawing's now.
  processing.started = undefined;
  begun.set(processing, early);
  return (job) => {
    if (job.lead || job.leadOnly) return;
    const key = `${cardKey(setup.recipe, JSON.stringify(job.text))}.png`;
    if (setup.store.files.has(key) || keys.has(key)) return;
    keys.set(key, keys.size);
    pending.push({ key, text: job.text });
    if (pending.length === BATCH) early.flush();
  };
}

/** The drawing begun for `processing`, once: startCards goes on with it. */
export function takeEarly(processing: CardProcessing): EarlyDrawing | undefined {
  const early = begun.get(processing);
  begun.delete(processing);
  return early;
}
