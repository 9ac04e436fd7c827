// Draws a card scene straight into the rows of its palette PNG. Every pixel of a card is the background
// blended towards one ink, so a pixel's palette index follows from its ink and its coverage alone:
// no colour image is made and no nearest colour is searched. The frame (background, accent bar,
// rules) is drawn once per build and copied; glyphs come from the build's glyph cache.
import { type GlyphCache, type GlyphOptions, glyphBitmap, glyphCache } from "./card-glyphs.ts";
import type { CardScene, InkName, SceneRect } from "./card-layout.ts";

/** Where an ink's blends sit in the palette: the index of its lightest step and how many steps it has. */
export interface InkIndices {
  first: number;
  steps: number;
}

/** What drawing cards keeps during one build: glyph bitmaps, frames, a scratch coverage buffer, the rows painted. */
export interface CardCanvas {
  glyphs: GlyphCache;
  frames: Map<string, Buffer>;
  scratch: Uint8Array;
  /** The rows paintCard last painted (a copy of a frame with glyphs over it), and that frame. */
  rows: Buffer;
  frame: Buffer | undefined;
  /** Rows [from, to) that glyphs touched, two numbers a box; put back from the frame by cleanCard. */
  painted: number[];
}

/** A fresh canvas for one build. */
export function cardCanvas(options: Partial<GlyphOptions> = {}): CardCanvas {
  return {
    glyphs: glyphCache(options),
    frames: new Map(),
    scratch: new Uint8Array(0),
    rows: Buffer.alloc(0),
    frame: undefined,
    painted: [],
  };
}

/** Palette index of each coverage 0-255 of an ink: 0 (the background) for none, else the nearest step. */
function coverageIndices({ first, steps }: InkIndices): Uint8Array {
  const lut = new Uint8Array(256);
  for (let c = 1; c < 256; c++) {
    const step = Math.round((c * steps) / 255);
    lut[c] = step === 0 ? 0 : first + step - 1;
  }
  return lut;
}

/** PNG rows of the rectangles alone: each row a filter byte (0, none) then one palette index a pixel. */
function frameRows(width: number, height: number, rects: readonly SceneRect[], inks: Record<InkName, InkIndices>) {
  const rows = Buffer.alloc((width + 1) * height);
  for (const r of rects) {
    const full = inks[r.ink].first + inks[r.ink].steps - 1;
    const [x0, x1] = [Math.max(0, r.x), Math.min(width, r.x + r.width)];
    for (let y = Math.max(0, r.y); y < Math.min(height, r.y + r.height); y++)
      rows.fill(full, y * (width + 1) + 1 + x0, y * (width + 1) + 1 + x1);
  }
  return rows;
}

/** The card's PNG rows (filter byte 0, then a palette index a pixel), ready for deflate: a buffer of its own. */
export function drawCard(scene: CardScene, inks: Record<InkName, InkIndices>, canvas: CardCanvas): Buffer {
  const rows = Buffer.from(paintCard(scene, inks, canvas));
  cleanCard(canvas);
  return rows;
}

/** Puts the frame back where paintCard drew glyphs, so the next card starts from a clean copy. */
export function cleanCard(canvas: CardCanvas): void {
  const { rows, frame, painted } = canvas;
  if (!frame) return;
  for (let i = 0; i < painted.length; i += 2) frame.copy(rows, painted[i], painted[i], painted[i + 1]);
  painted.length = 0;
}

/**
 * The card's PNG rows painted into the canvas's own buffer, valid until cleanCard: the frame is
 * copied once per build and only the rows glyphs touched are put back after each card (a whole copy
 * per card, and a new 750 KB buffer, cost more than the glyphs).
 */
export function paintCard(scene: CardScene, inks: Record<InkName, InkIndices>, canvas: CardCanvas): Buffer {
  const { width, height, rects, texts } = scene;
  const frameKey = JSON.stringify([width, height, rects, inks]);
  let frame = canvas.frames.get(frameKey);
  if (!frame) canvas.frames.set(frameKey, (frame = frameRows(width, height, rects, inks)));
  cleanCard(canvas);
  if (canvas.frame !== frame) {
    canvas.rows = Buffer.from(frame);
    canvas.frame = frame;
  }
  const rows = canvas.rows;
  if (canvas.scratch.length !== width * height) canvas.scratch = new Uint8Array(width * height);
  const coverage = canvas.scratch;
  const sub = canvas.glyphs.options.subpixel;
  for (const text of texts) {
    // Glyphs of one line may overlap (kerning, ligatures): coverage adds up in the scratch buffer, each
    // pixel's index is written as it changes, and the buffer is cleared (natively) once the line is done.
    const lut = coverageIndices(inks[text.ink]);
    const touched: number[] = [];
    let [lineTop, lineBottom] = [height, 0];
    let iy = Math.floor(text.y);
    let fy = Math.round((text.y - iy) * 100) / 100;
    if (fy >= 1) [iy, fy] = [iy + 1, 0];
    for (const g of text.glyphs) {
      const qx = Math.round((text.x + g.x) * sub) / sub;
      const ix = Math.floor(qx);
      const bitmap = glyphBitmap(canvas.glyphs, g.font, g.id, text.scale, qx - ix, fy);
      if (!bitmap) continue;
      const left = ix + bitmap.left;
      const top = iy + bitmap.top;
      const [x0, x1] = [Math.max(0, left), Math.min(width, left + bitmap.width)];
      const [y0, y1] = [Math.max(0, top), Math.min(height, top + bitmap.height)];
      if (x0 >= x1 || y0 >= y1) continue;
      touched.push(x0, y0, x1, y1);
      [lineTop, lineBottom] = [Math.min(lineTop, y0), Math.max(lineBottom, y1)];
      const cov = bitmap.coverage;
      for (let y = y0; y < y1; y++) {
        let s = (y - top) * bitmap.width + (x0 - left);
        let o = y * (width + 1) + 1 + x0;
        for (let p = y * width + x0, end = y * width + x1; p < end; p++, s++, o++) {
          const a = cov[s] ?? 0;
          if (a === 0) continue;
          const c = coverage[p] ?? 0;
          // Source over: two half-covered edges make three quarters, not a full pixel.
          const sum = c === 0 ? a : c + a - Math.round((c * a) / 255);
          coverage[p] = sum;
          rows[o] = lut[sum] ?? 0;
        }
      }
    }
    for (let i = 0; i < touched.length; i += 4) {
      const x0 = touched[i] ?? 0;
      const x1 = touched[i + 2] ?? 0;
      for (let y = touched[i + 1] ?? 0, y1 = touched[i + 3] ?? 0; y < y1; y++)
        coverage.fill(0, y * width + x0, y * width + x1);
    }
    if (lineTop < lineBottom) canvas.painted.push(lineTop * (width + 1), lineBottom * (width + 1));
  }
  return rows;
}
