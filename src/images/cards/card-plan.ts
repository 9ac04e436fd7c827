// One card's plan: its cache key, and so its name, found before anything is drawn; then the card
// from the cache, or what is missing from it, drawn on this thread when asked.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type CardStore, cached, saveCard } from "./card-cache.ts";
import { croppedLead, cropRecipe, largeEnough } from "./card-crop.ts";
import { type DrawState, generatedPng } from "./card-draw.ts";
import { cardDesignDefaults, type CardText } from "./card-layout.ts";
import type { Card, CardJob, CardName, CardOptions } from "./card-options.ts";
import { type LeadHashes, leadHash } from "./lead-hashes.ts";

/** What every card of one build shares: its options, the recipe hashed into each key, the cache. */
export interface CardSetup {
  options: CardOptions;
  recipe: string;
  store: CardStore;
  /** The lead images' hashes recorded beside the cache. */
  leads: LeadHashes;
}

/** A card whose name is known and whose file is not (or no longer) in the cache. */
export interface MissingCard {
  card: CardName;
  /** Cache key with its extension, such as `<sha256>.png`. */
  key: string;
  /** The job's name, for messages. */
  what: string;
  text: CardText;
  /** The lead image to crop; none for a generated card. */
  lead?: string;
}

/** Cache key of a card: SHA-256 of the recipe and of what the card is made from. */
export function cardKey(recipe: string, input: string | Uint8Array): string {
  return createHash("sha256").update(recipe).update("\0").update(input).digest("hex");
}

/** The job's card from the cache, or what is missing; null when the job has no card (leadOnly, lead too small). */
export async function planCard(job: CardJob, setup: CardSetup): Promise<Card | { missing: MissingCard } | null> {
  const { width, height } = cardDesignDefaults;
  const { recipe, store } = setup;
  if (job.lead) {
    const lead = await leadHash(setup.leads, job.lead);
    // The image's own hash stands for its bytes, so an unchanged image is not read (lead-hashes.ts).
    // sharp crops it, so its versions are in the key (a generated card's key leaves them out: sharp.ts).
    const key = cardKey(recipe, `lead\0${await cropRecipe()}\0${lead.hash}`);
    // The published name comes from the key alone, so a card made again keeps it.
    const card = { name: `${job.name}-${key.slice(0, 10)}-card.jpg`, width, height, fromLead: true };
    const hit = await cached(store, `${key}.jpg`, job.name);
    if (hit) return { file: hit, ...card, fromCache: true };
    if (await largeEnough(lead.bytes ?? (await readFile(job.lead))))
      return { missing: { card, key: `${key}.jpg`, what: job.name, text: job.text, lead: job.lead } };
  }
  if (job.leadOnly) return null;
  const key = cardKey(recipe, JSON.stringify(job.text));
  const card = { name: `${job.name}-${key.slice(0, 10)}.png`, width, height, fromLead: false };
  const hit = await cached(store, `${key}.png`, job.name);
  if (hit) return { file: hit, ...card, fromCache: true };
  return { missing: { card, key: `${key}.png`, what: job.name, text: job.text } };
}

/** Makes a missing card on this thread (a lead image's crop on sharp's threads) and saves it in the cache. */
export async function makeMissing(m: MissingCard, setup: CardSetup, state: () => DrawState): Promise<Card> {
  const o = setup.options;
  const data = m.lead ? await croppedLead(await readFile(m.lead), o) : generatedPng(m.text, o.png, state());
  return { file: await saveCard(setup.store, m.key, data), ...m.card, fromCache: false };
}
