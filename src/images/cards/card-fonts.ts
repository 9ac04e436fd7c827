// Fonts for social cards, read from npm font packages (never from the system), and text shaped into
// glyph outlines with fontkit, so that a card renders the same on every machine.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { isMainThread } from "node:worker_threads";
import type { Font } from "fontkit";
import { sfntFromWoff } from "./woff.ts";

/** A typeface: the same design split into Unicode subsets (Latin, Latin Extended, Greek, …), tried in order. */
export interface Face {
  fonts: Font[];
  /** Font units per em, shared by every subset. */
  unitsPerEm: number;
}

/** One glyph placed on a line: its outline in font units (y up), its left edge in pixels, and which glyph of which font it is. */
export interface PlacedGlyph {
  d: string;
  x: number;
  font: Font;
  id: number;
}

/** A line of text shaped at a size: what to draw and how wide it is, in pixels. */
export interface ShapedText {
  glyphs: PlacedGlyph[];
  width: number;
  /** Pixels per font unit. */
  scale: number;
}

/** The faces a card uses: Source Serif 4 Bold for headlines, Source Sans 3 for labels (SIL OFL, via @fontsource). */
export interface CardFaces {
  serifBold: Face;
  sansBold: Face;
  sans: Face;
}

// Subsets in the order they are tried; the @fontsource packages ship each as its own WOFF file.
const SUBSETS = ["latin", "latin-ext", "vietnamese", "greek", "cyrillic", "cyrillic-ext"];
const requirePackage = createRequire(import.meta.url);
const resolvePackage = requirePackage.resolve;

/** The WOFF files of one weight of a @fontsource family, every subset it ships, in the order tried. */
function faceFiles(family: string, weight: number): string[] {
  return SUBSETS.flatMap((subset) => {
    try {
      return [resolvePackage(`@fontsource/${family}/files/${family}-${subset}-${weight}-normal.woff`)];
    } catch {
      return [];
    }
  });
}

const FAMILIES = {
  serifBold: ["source-serif-4", 700],
  sansBold: ["source-sans-3", 700],
  sans: ["source-sans-3", 400],
} as const;

/** The OpenType bytes of each card face's fonts (every subset, in the order tried), as unpacked from WOFF. */
export type FaceFonts = Record<keyof typeof FAMILIES, Uint8Array[]>;

let unpacked: FaceFonts | undefined;

/**
 * The card faces' fonts unpacked, once per process, by the main thread: a worker is handed them
 * (handFonts) and never unpacks one itself. Node 20 aborts the whole process when a worker is ended
 * between making a zlib handle and initialising it ("close before init"), and a worker started ahead
 * may be ended at any moment of its warm-up, where it loads the fonts.
 */
export function faceFonts(): FaceFonts {
  if (unpacked) return unpacked;
  if (!isMainThread)
    throw new Error("A card-drawing worker is handed its fonts by the thread that starts it (handFonts)");
  const unpack = ([family, weight]: readonly [string, number]) =>
    faceFiles(family, weight).map((path) => sfntFromWoff(readFileSync(path), path));
  return (unpacked = {
    serifBold: unpack(FAMILIES.serifBold),
    sansBold: unpack(FAMILIES.sansBold),
    sans: unpack(FAMILIES.sans),
  });
}

/** In a worker: the fonts faceFonts unpacked on the thread that started it. */
export function handFonts(fonts: FaceFonts): void {
  unpacked = fonts;
}

/** A face from the OpenType bytes of one weight of a @fontsource family, every subset it ships. */
function loadFace(fonts: readonly Uint8Array[], [family, weight]: readonly [string, number]): Face {
  // fontkit takes a quarter of a second to load: only builds that draw cards pay for it.
  const { create } = requirePackage("fontkit") as typeof import("fontkit");
  // A font handed to a worker arrives as a plain Uint8Array; fontkit reads a Buffer.
  const faces = fonts.map((bytes) => create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as Font);
  const first = faces[0];
  if (!first) throw new Error(`@fontsource/${family} ships no ${weight} weight`);
  return { fonts: faces, unitsPerEm: first.unitsPerEm };
}

let faces: CardFaces | undefined;

/** The card faces, loaded once per process. */
export function cardFaces(): CardFaces {
  if (faces) return faces;
  const fonts = faceFonts();
  return (faces = {
    serifBold: loadFace(fonts.serifBold, FAMILIES.serifBold),
    sansBold: loadFace(fonts.sansBold, FAMILIES.sansBold),
    sans: loadFace(fonts.sans, FAMILIES.sans),
  });
}

/** The fontkit version and a hash of the font files: what besides the text shapes a card's glyphs. Fonts are not parsed. */
export function fontsRecipe(): Record<string, string> {
  // fontkit exports no package.json; it sits one folder above the resolved entry point.
  const fontkit = JSON.parse(readFileSync(join(dirname(resolvePackage("fontkit")), "..", "package.json"), "utf8")) as {
    version: string;
  };
  const hash = createHash("sha256");
  for (const [family, weight] of Object.values(FAMILIES))
    for (const file of faceFiles(family, weight)) hash.update(readFileSync(file));
  return { fontkit: fontkit.version, fonts: hash.digest("hex") };
}

const outlines = new WeakMap<Font, Map<number, string>>();

/** A glyph's outline as SVG path data in font units, computed once per glyph. */
function outline(font: Font, glyph: { id: number; path: { toSVG(): string } }): string {
  let cache = outlines.get(font);
  if (!cache) outlines.set(font, (cache = new Map()));
  let d = cache.get(glyph.id);
  if (d === undefined) cache.set(glyph.id, (d = glyph.path.toSVG()));
  return d;
}

/**
 * Splits text into runs, each drawn by the first subset that has all its characters. Characters no
 * subset has (emoji, scripts the fonts lack) are left out, so they can never draw a missing-glyph box.
 */
export function fontRuns(face: Face, text: string): { font: Font; text: string }[] {
  const runs: { font: Font; text: string }[] = [];
  for (const char of text.normalize("NFC")) {
    // Every kind of space becomes a plain one, drawn by the current run's subset when it has one.
    const space = /\s/.test(char);
    const code = space ? 0x20 : (char.codePointAt(0) ?? 0);
    const last = runs.at(-1);
    const font =
      space && last?.font.hasGlyphForCodePoint(code) ? last.font : face.fonts.find((f) => f.hasGlyphForCodePoint(code));
    // A space left beside a dropped character, or leading the text, would show as a gap: spaces collapse.
    if (!font || (space && (!last || last.text.endsWith(" ")))) continue;
    if (last?.font === font) last.text += space ? " " : char;
    else runs.push({ font, text: space ? " " : char });
  }
  return runs;
}

/** Shapes `text` at `size` pixels with kerning and ligatures; `tracking` adds that many ems after each glyph. */
export function shape(face: Face, text: string, size: number, tracking = 0): ShapedText {
  const scale = size / face.unitsPerEm;
  const glyphs: PlacedGlyph[] = [];
  let x = 0;
  for (const run of fontRuns(face, text)) {
    const laid = run.font.layout(run.text);
    laid.glyphs.forEach((glyph, i) => {
      const position = laid.positions[i];
      glyphs.push({
        d: outline(run.font, glyph),
        x: x + (position?.xOffset ?? 0) * scale,
        font: run.font,
        id: glyph.id,
      });
      x += (position?.xAdvance ?? glyph.advanceWidth) * scale + tracking * size;
    });
  }
  return { glyphs, width: glyphs.length > 0 ? x - tracking * size : 0, scale };
}

/** Width of `text` at `size` pixels, as shape() would lay it out. */
export function measure(face: Face, text: string, size: number, tracking = 0): number {
  return shape(face, text, size, tracking).width;
}
