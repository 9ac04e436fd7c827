// A generated card from its text to the bytes of its PNG, on the calling thread: laid out, drawn from
// the glyph cache, deflated. The main thread (the dev server, tests) and the drawing workers both
// call it, so a card's bytes do not depend on where it was drawn.
import { constants } from "node:zlib";
import { cardFaces } from "./card-fonts.ts";
import { cardDesignDefaults, cardScene, type CardText, type InkName } from "./card-layout.ts";
import { cardPalette, encodeIndexedPngSync } from "./card-png.ts";
import { type CardCanvas, cardCanvas, cleanCard, type InkIndices, paintCard } from "./card-raster.ts";
import { type WordCache, wordCache } from "./card-words.ts";

/** Palette PNG settings of a generated card (see CardOptions.png in card-render.ts for the defaults). */
export interface CardPngOptions {
  /** zlib level of the pixel data. */
  compressionLevel: number;
  /** zlib strategy (zlib.constants.Z_*). */
  strategy: number;
  /** Blend steps from the background to each ink. */
  steps: Record<InkName, number>;
  /** Most bytes a card may take: a card `strategy` makes larger is deflated again with zlib's default strategy. */
  budget: number;
}

/** What drawing keeps from card to card on one thread during one build: words, glyphs, frame, palette. */
export interface DrawState {
  canvas: CardCanvas;
  words: WordCache;
  palette: [number, number, number][];
  inks: Record<InkName, InkIndices>;
}

/** A fresh drawing state for one build (or one worker) drawing cards with `png`. */
export function drawState(png: CardPngOptions): DrawState {
  return { canvas: cardCanvas(), words: wordCache(), ...cardInks(png) };
}

/** The PNG bytes of the generated card of `text`. */
export function generatedPng(text: CardText, png: CardPngOptions, state: DrawState): Buffer {
  const { width, height } = cardDesignDefaults;
  const scene = cardScene(text, cardFaces(), cardDesignDefaults, state.words);
  const rows = paintCard(scene, state.inks, state.canvas);
  let file = encodeIndexedPngSync(rows, width, height, state.palette, png);
  // Z_RLE is fast but cannot match a stroke against the row above; the densest cards (about 1 in 50:
  // four lines of the largest serif) then pass the budget, and the default strategy brings them back.
  if (file.length > png.budget && png.strategy !== constants.Z_DEFAULT_STRATEGY)
    file = encodeIndexedPngSync(rows, width, height, state.palette, { ...png, strategy: constants.Z_DEFAULT_STRATEGY });
  cleanCard(state.canvas);
  return file;
}

/** The card palette (background, then each ink's blends) and where each ink's blends start in it. */
export function cardInks(png: Pick<CardPngOptions, "steps">): {
  palette: [number, number, number][];
  inks: Record<InkName, InkIndices>;
} {
  const { background, ...colours } = cardDesignDefaults.colours;
  const names = Object.keys(colours) as InkName[];
  const palette = cardPalette(
    background,
    names.map((ink) => ({ colour: colours[ink], steps: png.steps[ink] })),
  );
  let first = 1;
  const inks = {} as Record<InkName, InkIndices>;
  for (const ink of names) {
    inks[ink] = { first, steps: png.steps[ink] };
    first += png.steps[ink];
  }
  return { palette, inks };
}
