// Glyphs as coverage bitmaps: each (font, glyph, size, subpixel offset) is rasterised once per build
// by a small scanline rasteriser (signed-area accumulation, as in font-rs), then copied into every
// card that uses it. A card's text is a few dozen distinct glyphs; drawing them again for each card
// through librsvg cost more than everything else a card needs.
import type { Font } from "fontkit";

/** How glyphs are rasterised. */
export interface GlyphOptions {
  /** Horizontal positions per pixel a glyph may take; default 8 (edges within 1/16 px of librsvg's; 4 moves 0.6% of a card's values by more than a blend step). */
  subpixel: number;
  /** Largest distance in pixels between a curve and the straight segments that replace it; default 0.02. */
  tolerance: number;
}

/** Defaults for every glyph option. */
export const glyphDefaults = { subpixel: 8, tolerance: 0.02 } satisfies GlyphOptions;

/** A glyph's coverage, 0-255 a pixel, row by row, with its top-left corner relative to the pixel of its origin. */
export interface GlyphBitmap {
  left: number;
  top: number;
  width: number;
  height: number;
  coverage: Uint8Array;
}

/** The glyphs rasterised during one build: keep one per build, not per process. */
export interface GlyphCache {
  options: GlyphOptions;
  /** By font, then by scale, then by glyph and position (see glyphBitmap). */
  bitmaps: WeakMap<Font, Map<number, Map<number, GlyphBitmap | null>>>;
}

/** An empty glyph cache. */
export function glyphCache(options: Partial<GlyphOptions> = {}): GlyphCache {
  return { options: { ...glyphDefaults, ...options }, bitmaps: new WeakMap() };
}

/**
 * A glyph drawn at `scale` pixels per font unit with its origin at (fx, fy) inside its pixel (fx a
 * multiple of 1/subpixel, fy of 1/100, as drawCard places them); null when it has no ink.
 */
export function glyphBitmap(
  cache: GlyphCache,
  font: Font,
  id: number,
  scale: number,
  fx: number,
  fy: number,
): GlyphBitmap | null {
  let byFont = cache.bitmaps.get(font);
  if (!byFont) cache.bitmaps.set(font, (byFont = new Map()));
  let byScale = byFont.get(scale);
  if (!byScale) byFont.set(scale, (byScale = new Map()));
  // A number, not a string: fx is a multiple of 1/subpixel and fy of 1/100 (as drawCard places glyphs),
  // and turning fractions into strings for every glyph of every card cost more than the lookup.
  const key = (id * cache.options.subpixel + Math.round(fx * cache.options.subpixel)) * 128 + Math.round(fy * 100);
  let bitmap = byScale.get(key);
  if (bitmap === undefined) byScale.set(key, (bitmap = rasterise(font, id, scale, fx, fy, cache.options.tolerance)));
  return bitmap;
}

function rasterise(font: Font, id: number, scale: number, fx: number, fy: number, tolerance: number) {
  const { commands, bbox } = font.getGlyph(id).path;
  if (commands.length === 0 || !(bbox.maxX > bbox.minX)) return null;
  const left = Math.floor(fx + bbox.minX * scale);
  const top = Math.floor(fy - bbox.maxY * scale);
  // Two spare columns: the accumulation writes one pixel right of the last one a segment touches.
  const width = Math.ceil(fx + bbox.maxX * scale) - left + 2;
  const height = Math.ceil(fy - bbox.minY * scale) - top + 1;
  const acc = new Float32Array(width * height + 2);
  // Font units (y up) to bitmap pixels (y down).
  const px = (x: number) => fx - left + x * scale;
  const py = (y: number) => fy - top - y * scale;
  let [sx, sy, cx, cy] = [0, 0, 0, 0];
  const lineTo = (x: number, y: number) => {
    segment(acc, width, height, cx, cy, x, y);
    [cx, cy] = [x, y];
  };
  for (const { command, args } of commands) {
    const a = args.map((v, i) => (i % 2 === 0 ? px(v) : py(v)));
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0, x3 = 0, y3 = 0] = a;
    if (command === "moveTo") {
      if (cx !== sx || cy !== sy) lineTo(sx, sy);
      [sx, sy, cx, cy] = [x1, y1, x1, y1];
    } else if (command === "lineTo") lineTo(x1, y1);
    else if (command === "quadraticCurveTo") {
      const [x0, y0] = [cx, cy];
      const n = steps(Math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2) / 4, tolerance);
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        lineTo(u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2);
      }
    } else if (command === "bezierCurveTo") {
      const [x0, y0] = [cx, cy];
      const bend = Math.max(
        Math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2),
        Math.hypot(x1 - 2 * x2 + x3, y1 - 2 * y2 + y3),
      );
      const n = steps((3 * bend) / 4, tolerance);
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        const [b0, b1, b2, b3] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
        lineTo(b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3, b0 * y0 + b1 * y1 + b2 * y2 + b3 * y3);
      }
    } else if (command === "closePath") lineTo(sx, sy);
  }
  if (cx !== sx || cy !== sy) lineTo(sx, sy);
  // Running sums along each row give the signed area covered; nonzero winding, clamped at full.
  const coverage = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let sum = 0;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      sum += acc[i] ?? 0;
      coverage[i] = Math.round(Math.min(1, Math.abs(sum)) * 255);
    }
  }
  return { left, top, width, height, coverage };
}

/** Segments a curve needs so that it strays at most `tolerance` from them, given its deviation over one segment. */
const steps = (deviation: number, tolerance: number) => Math.max(1, Math.ceil(Math.sqrt(deviation / tolerance)));

const add = (acc: Float32Array, i: number, v: number) => {
  acc[i] = (acc[i] ?? 0) + v;
};

/** Adds one edge's signed area to the accumulation buffer, row by row (font-rs's `draw_line`). */
function segment(acc: Float32Array, w: number, h: number, x0: number, y0: number, x1: number, y1: number): void {
  if (y0 === y1) return;
  let dir = 1;
  if (y0 > y1) [dir, x0, y0, x1, y1] = [-1, x1, y1, x0, y0];
  const dxdy = (x1 - x0) / (y1 - y0);
  let x = y0 < 0 ? x0 - y0 * dxdy : x0;
  for (let y = Math.max(0, Math.floor(y0)), end = Math.min(h, Math.ceil(y1)); y < end; y++) {
    const row = y * w;
    const dy = Math.min(y + 1, y1) - Math.max(y, y0);
    const next = x + dxdy * dy;
    const d = dy * dir;
    const lo = Math.max(0, Math.min(x, next));
    const hi = Math.min(w - 2, Math.max(x, next));
    const i0 = Math.floor(lo);
    const i1 = Math.ceil(hi);
    if (i1 <= i0 + 1) {
      const mid = 0.5 * (lo + hi) - i0;
      add(acc, row + i0, d - d * mid);
      add(acc, row + i0 + 1, d * mid);
    } else {
      const s = 1 / (hi - lo);
      const f0 = lo - i0;
      const a0 = 0.5 * s * (1 - f0) ** 2;
      const f1 = hi - i1 + 1;
      const am = 0.5 * s * f1 ** 2;
      add(acc, row + i0, d * a0);
      if (i1 === i0 + 2) add(acc, row + i0 + 1, d * (1 - a0 - am));
      else {
        const a1 = s * (1.5 - f0);
        add(acc, row + i0 + 1, d * (a1 - a0));
        for (let i = i0 + 2; i < i1 - 1; i++) add(acc, row + i, d * s);
        const a2 = a1 + (i1 - i0 - 3) * s;
        add(acc, row + i1 - 1, d * (1 - a2 - am));
      }
      add(acc, row + i1, d * am);
    }
    x = next;
  }
}
