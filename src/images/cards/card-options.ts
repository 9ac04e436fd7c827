// What social cards are made with and what they give: the options and their defaults, a card's job,
// and a card as the build sees it, its name known before (and its file after) it is drawn.
import type { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { constants } from "node:zlib";
import type { CardPngOptions } from "./card-draw.ts";
import type { CardText } from "./card-layout.ts";
import type { Image } from "../../digest/view-model.ts";

/** How cards are made. */
export interface CardOptions {
  /** Lead images read and cropped at once; default os.availableParallelism(). */
  concurrency: number;
  /** Worker threads drawing generated cards while a production build goes on; default one less than the cores, at least 1. */
  workers: number;
  /** Which part of a lead image a crop keeps: sharp's "attention" (the most salient part) or "centre"; default "attention". */
  position: "attention" | "centre";
  /** JPEG settings of a cropped lead image; default quality 80 with mozjpeg. */
  jpeg: { quality: number; mozjpeg: boolean };
  /**
   * Palette PNG settings of a generated card: zlib strategy Z_RLE by default (a card is flat runs of a
   * few colours: 1.3 ms a card against 2.2 ms for level 4's default strategy, about 26.5 KB against
   * 24 KB), level 4 with the default strategy for a card Z_RLE makes larger than the budget, default
   * 32 KiB; and the blend steps from the background to each ink, default 16 for the headline's, fewer
   * for smaller or lighter text.
   */
  png: CardPngOptions;
}

/** Defaults for every card option. */
export const cardDefaults = {
  concurrency: availableParallelism(),
  // The main thread keeps a core for the pages; on 2 cores one worker measured faster than two.
  workers: Math.max(1, availableParallelism() - 1),
  position: "attention",
  jpeg: { quality: 80, mozjpeg: true },
  png: {
    compressionLevel: 4,
    strategy: constants.Z_RLE,
    steps: { text: 16, accent: 12, muted: 8, rule: 2 },
    budget: 32 * 1024,
  },
} satisfies CardOptions;

/** Where cards are cached and how progress is told. */
export interface CardProcessing {
  /** Folder of the card cache. */
  cacheDir: string;
  onProgress?: (done: number, total: number) => void;
  /** Told, in one line, of a damaged cache file (its card is made again); default console.warn. */
  onNotice?: (line: string) => void;
  options?: Partial<CardOptions>;
  /**
   * Draw missing generated cards in worker threads while the build goes on (startCards), until this
   * signal stops them. Default: none, every card is drawn before startCards returns.
   */
  background?: AbortSignal;
  /** Worker threads started ahead (startDrawWorkers) to draw the missing cards; any not needed are ended. Default none. */
  started?: Worker[];
  /**
   * With `background`: once this resolves, the calling thread draws the cards no worker has taken yet,
   * beside the workers (a build resolves it when it would otherwise only wait for them). Default: never.
   */
  helpFrom?: Promise<unknown>;
  /**
   * Cards kept between a dev server's rebuilds (card-plans.ts), read and refilled by each build that
   * draws on its own thread (no `background`). Default none: every card is planned.
   */
  plans?: CardPlans;
}

/**
 * Cards kept between a dev server's rebuilds (CardProcessing.plans), owned by the dev server and
 * filled by card-plans.ts. A kept card's cache file is not looked at again: the Publisher links an
 * unchanged card name from the output it published before (docs/social-cards.md).
 */
export interface CardPlans {
  /** The recipe the cards were planned with; another one drops them all. */
  recipe?: string;
  /** A job's name → the job, its lead image's stat when planned, and its card (null: the job has none). */
  cards: Map<string, { job: CardJob; lead: string | undefined; card: Card | null }>;
  /** Each kept card's image for the pages, with the alt text it was made with (article-cards.ts). */
  images?: WeakMap<CardName, Image>;
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

/** A card as pages name it: known from its cache key, before it is drawn. */
export interface CardName {
  /** Output file name, such as harbour-bridge-3f2a9c1d0b.png; changes exactly when the bytes may. */
  name: string;
  width: number;
  height: number;
  /** True for a cropped lead image, false for a generated card. */
  fromLead: boolean;
}

/** A finished card in the cache, with its output name. */
export interface Card extends CardName {
  /** Absolute path in the cache. */
  file: string;
  /** True when no work was needed. */
  fromCache: boolean;
}
