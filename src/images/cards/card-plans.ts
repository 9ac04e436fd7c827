// The cards a dev server found or made in its last rebuild, kept for the next one: a rebuild plans
// (reads, hashes, stats) only the cards whose job changed, by its content or by its lead image's stat.
import { statSync } from "node:fs";
import { statText } from "../../publish/cache-file.ts";
import type { Card, CardJob, CardPlans } from "./card-options.ts";

/** Plans that hold nothing yet. */
export function emptyPlans(): CardPlans {
  return { cards: new Map() };
}

/** What one build takes from the plans of the last, and gives to the next. */
export interface PlanRecall {
  /** Each job's card from the plans when its content and its lead image's stat are unchanged; undefined: plan it. */
  known: (Card | null | undefined)[];
  /** Keeps job `i`'s card for the next build. */
  keep(i: number, card: Card | null): void;
  /** Makes the kept cards the plans: this build's jobs only, so a removed article's card goes. */
  save(): void;
}

// Everything a card is planned from, besides the recipe and the lead image's bytes. Compared field by
// field: a JSON text of every job, hashed into a Map each rebuild, cost 25-90 ms at 10,000 jobs.
function sameJob(a: CardJob, b: CardJob): boolean {
  if (a.name !== b.name || a.lead !== b.lead || (a.leadOnly === true) !== (b.leadOnly === true)) return false;
  const [x, y] = [a.text as unknown as Record<string, unknown>, b.text as unknown as Record<string, unknown>];
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((key) => x[key] === y[key]);
}

// An image can change under an unchanged article: its stat, taken before it is read, says so.
function leadStat(job: CardJob): string | undefined {
  if (job.lead === undefined) return undefined;
  const s = statSync(job.lead, { throwIfNoEntry: false });
  return s?.isFile() ? statText(s) : "missing";
}

/** The cards `plans` (none: nothing is kept) holds for `jobs` under `recipe`, and how to keep this build's. */
export function recallPlans(plans: CardPlans | undefined, recipe: string, jobs: readonly CardJob[]): PlanRecall {
  if (plans === undefined) return { known: jobs.map(() => undefined), keep: () => undefined, save: () => undefined };
  if (plans.recipe !== recipe) plans.cards = new Map();
  const leads = jobs.map(leadStat);
  const last = plans.cards;
  // A kept card is handed out as kept, the very object each rebuild (made with fromCache set when kept):
  // the pages' images made from it are kept by it too (article-cards.ts), and 100,000 copies a rebuild
  // were the collector's work.
  const known = jobs.map((job, i) => {
    const kept = last.get(job.name);
    return kept && kept.lead === leads[i] && sameJob(kept.job, job) ? kept.card : undefined;
  });
  const next: CardPlans["cards"] = new Map();
  return {
    known,
    keep: (i, card) => {
      const job = jobs[i];
      // A missing lead image is never kept: the build that finds it so reports it. Of two jobs of one
      // name (two lead images of one file name), the last is kept; the other is planned each rebuild.
      if (job === undefined || leads[i] === "missing") return;
      const kept = last.get(job.name);
      if (card !== null && card === known[i] && kept) next.set(job.name, kept);
      else
        next.set(job.name, {
          job,
          lead: leads[i],
          card: card && (card.fromCache ? card : { ...card, fromCache: true }),
        });
    },
    save: () => {
      plans.recipe = recipe;
      plans.cards = next;
    },
  };
}
