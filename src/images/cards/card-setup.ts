// What every card of one build shares, made once before the first card is planned: the recipe (the
// options, the design, the fonts and the hash of the card code, hashed into every card's key; a crop's
// key adds sharp's versions, card-crop.ts) and the listed cache.
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { listStore } from "./card-cache.ts";
import { fontsRecipe } from "./card-fonts.ts";
import { cardDesignDefaults } from "./card-layout.ts";
import { type CardOptions, type CardProcessing, cardDefaults } from "./card-options.ts";
import type { CardSetup } from "./card-plan.ts";
import { readLeadHashes } from "./lead-hashes.ts";

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
  "woff.ts",
];
const codeHash = async () => {
  if (code) return code;
  const hash = createHash("sha256");
  for (const file of cardCodeFiles) hash.update(await readFile(new URL(`./${file}`, import.meta.url)));
  return (code = hash.digest("hex"));
};

/** The options and the recipe of one build's cards: what every card key hashes besides the card's own input. */
export async function cardRecipe(processing: CardProcessing): Promise<Omit<CardSetup, "store" | "leads">> {
  const options: CardOptions = { ...cardDefaults, ...processing.options };
  const recipe = JSON.stringify({
    // How many at once and where changes no card's bytes.
    options: { ...options, concurrency: 0, workers: 0 },
    design: cardDesignDefaults,
    fonts: fontsRecipe(),
    code: await codeHash(),
  });
  return { options, recipe };
}

/** The listed cache, for the jobs the plans of a dev server's last rebuild did not answer. */
export async function cardSetup(
  processing: CardProcessing,
  base: Omit<CardSetup, "store" | "leads">,
): Promise<CardSetup> {
  await mkdir(processing.cacheDir, { recursive: true });
  const store = await listStore(processing.cacheDir, processing.onNotice ?? ((line) => console.warn(line)));
  return { ...base, store, leads: readLeadHashes(`${processing.cacheDir}.leads`) };
}
