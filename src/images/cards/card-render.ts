// Social card images: a lead image cropped to the card size, or a generated card rendered from SVG,
// cached by a hash of everything that goes into them, so an unchanged card costs no work.
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import sharp from "sharp";
import { type CardStore, cached, listStore, saveCard } from "./card-cache.ts";
import { cardFaces, fontsRecipe } from "./card-fonts.ts";
import { pool } from "../variants.ts";
import { cardDesignDefaults, cardScene, type CardText, type InkName } from "./card-layout.ts";
import { cardPalette, encodeIndexedPng } from "./card-png.ts";
import { type CardCanvas, cardCanvas, type InkIndices } from "./card-raster.ts";
import { drawCard } from "./card-raster.ts";
import { type WordCache, wordCache } from "./card-words.ts";

/** How cards are made. */
export interface CardOptions {
  /** Cards made at once; default os.availableParallelism(). */
  concurrency: number;
  /** Which part of a lead image a crop keeps: sharp's "attention" (the most salient part) or "centre"; default "attention". */
  position: "attention" | "centre";
  /** JPEG settings of a cropped lead image; default quality 80 with mozjpeg. */
  jpeg: { quality: number; mozjpeg: boolean };
  /**
   * Palette PNG settings of a generated card: zlib level, default 4 (1.9 ms less a card than 6 for 6% more
   * bytes), and the blend steps from the background to each ink, default 16 for the headline's, fewer for
   * smaller or lighter text (about 24 KB a card).
   */
  png: {
    compressionLevel: number;
    steps: Record<Exclude<keyof typeof cardDesignDefaults.colours, "background">, number>;
  };
}

/** Defaults for every card option. */
export const cardDefaults = {
  concurrency: availableParallelism(),
  position: "attention",
  jpeg: { quality: 80, mozjpeg: true },
  png: { compressionLevel: 4, steps: { text: 16, accent: 12, muted: 8, rule: 2 } },
} satisfies CardOptions;

/** Where cards are cached and how progress is told. */
export interface CardProcessing {
  /** Folder of the card cache. */
  cacheDir: string;
  onProgress?: (done: number, total: number) => void;
  /** Told, in one line, of a damaged cache file (its card is made again); default console.warn. */
  onNotice?: (line: string) => void;
  options?: Partial<CardOptions>;
}

/** One card to make: from a lead image when it is large enough, else generated from the text. */
export interface CardJob {
  /** Base of the output file name, such as the article's slug. */
  name: string;
  text: CardText;
  /** Absolute path of the lead image, when the article has one. */
  lead?: string | undefined;
  /** Leave the card out, rather than generate one, when there is no usable lead image. */
  leadOnly?: boolean;
}

/** A finished card in the cache, with its output name. */
export interface Card {
  /** Absolute path in the cache. */
  file: string;
  /** Output file name, such as harbour-bridge-3f2a9c1d0b.png; changes exactly when the bytes may. */
  name: string;
  width: number;
  height: number;
  /** True for a cropped lead image, false for a generated card. */
  fromLead: boolean;
  /** True when no work was needed. */
  fromCache: boolean;
}

// Hash of the card code itself: a change to the layout or the glyph shaping makes new cards. Kept per
// process, not per build, on purpose: it must describe the code this process loaded, and an edit to
// these files during a dev server's life does not reload them.
let code: string | undefined;
/** The files whose code decides how a generated card looks, hashed into every card's cache key. */
export const cardCodeFiles = [
  "card-cache.ts",
  "card-fonts.ts",
  "card-glyphs.ts",
  "card-layout.ts",
  "card-png.ts",
  "card-raster.ts",
  "card-render.ts",
  "card-words.ts",
  "card-wrap.ts",
];
const codeHash = async () => {
  if (code) return code;
  const hash = createHash("sha256");
  for (const file of cardCodeFiles) hash.update(await readFile(new URL(`./${file}`, import.meta.url)));
  return (code = hash.digest("hex"));
};

/** Cache key of a card: SHA-256 of the recipe and of what the card is made from. */
function cardKey(recipe: string, input: string | Uint8Array): string {
  return createHash("sha256").update(recipe).update("\0").update(input).digest("hex");
}

/** Makes (or finds in the cache) the card of each job, at most `concurrency` at once; null where a job has none. */
export async function makeCards(jobs: readonly CardJob[], processing: CardProcessing): Promise<(Card | null)[]> {
  if (jobs.length === 0) return [];
  const options: CardOptions = { ...cardDefaults, ...processing.options };
  const recipe = JSON.stringify({
    options: { ...options, concurrency: 0 },
    design: cardDesignDefaults,
    fonts: fontsRecipe(),
    code: await codeHash(),
    sharp: sharp.versions,
  });
  await mkdir(processing.cacheDir, { recursive: true });
  const cache = await listStore(processing.cacheDir, processing.onNotice ?? ((line) => console.warn(line)));
  const results: (Card | null)[] = jobs.map(() => null);
  // Shaped words, glyph bitmaps and the frame, made once for this build's cards.
  const canvas = cardCanvas();
  const words = wordCache();
  let done = 0;
  await pool([...jobs.entries()], Math.max(1, options.concurrency), async ([i, job]) => {
    const lead = job.lead ? await leadCard(job.lead, job.name, recipe, cache, options) : null;
    results[i] = lead ?? (job.leadOnly ? null : await generatedCard(job, recipe, cache, options, canvas, words));
    processing.onProgress?.(++done, jobs.length);
  });
  return results;
}

// A lead image at least as large as the card is cropped to it. A smaller one would have to be blown up
// and would look blurred, so it gets a generated card instead (null here).
async function leadCard(
  source: string,
  name: string,
  recipe: string,
  cache: CardStore,
  o: CardOptions,
): Promise<Card | null> {
  const { width, height } = cardDesignDefaults;
  const bytes = await readFile(source);
  const key = cardKey(recipe, bytes);
  // The published name comes from the key alone, so a card made again keeps it.
  const card = { name: `${name}-${key.slice(0, 10)}-card.jpg`, width, height, fromLead: true };
  const hit = await cached(cache, `${key}.jpg`, name);
  if (hit) return { file: hit, ...card, fromCache: true };
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  const [w, h] =
    (meta.orientation ?? 1) >= 5 ? [meta.height ?? 0, meta.width ?? 0] : [meta.width ?? 0, meta.height ?? 0];
  if (w < width || h < height) return null;
  const data = await sharp(bytes)
    .rotate()
    .resize({ width, height, fit: "cover", position: o.position })
    .toColourspace("srgb")
    .jpeg(o.jpeg)
    .toBuffer();
  return { file: await saveCard(cache, `${key}.jpg`, data), ...card, fromCache: false };
}

async function generatedCard(
  job: CardJob,
  recipe: string,
  cache: CardStore,
  o: CardOptions,
  canvas: CardCanvas,
  words: WordCache,
): Promise<Card> {
  const { width, height } = cardDesignDefaults;
  const key = cardKey(recipe, JSON.stringify(job.text));
  const card = { name: `${job.name}-${key.slice(0, 10)}.png`, width, height, fromLead: false };
  const hit = await cached(cache, `${key}.png`, job.name);
  if (hit) return { file: hit, ...card, fromCache: true };
  const { palette, inks } = cardInks(o);
  const rows = drawCard(cardScene(job.text, cardFaces(), cardDesignDefaults, words), inks, canvas);
  const data = await encodeIndexedPng(rows, width, height, palette, o.png);
  return { file: await saveCard(cache, `${key}.png`, data), ...card, fromCache: false };
}

/** The card palette (background, then each ink's blends) and where each ink's blends start in it. */
export function cardInks(o: CardOptions = cardDefaults): {
  palette: [number, number, number][];
  inks: Record<InkName, InkIndices>;
} {
  const { background, ...colours } = cardDesignDefaults.colours;
  const names = Object.keys(colours) as InkName[];
  const palette = cardPalette(
    background,
    names.map((ink) => ({ colour: colours[ink], steps: o.png.steps[ink] })),
  );
  let first = 1;
  const inks = {} as Record<InkName, InkIndices>;
  for (const ink of names) {
    inks[ink] = { first, steps: o.png.steps[ink] };
    first += o.png.steps[ink];
  }
  return { palette, inks };
}
