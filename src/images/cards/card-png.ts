// A generated card as an indexed (palette) PNG. Every pixel of a card is its background blended with
// one of a few ink colours (antialiased glyph edges), so the palette is known before drawing: each ink
// at a fixed number of blend steps. Mapping pixels onto it is a table lookup, far cheaper than a
// general quantiser (libimagequant took 35-80 ms a card) and a third of the bytes of a truecolour PNG.
import { promisify } from "node:util";
import { constants, crc32, deflate, deflateSync } from "node:zlib";

// zlib on libuv's threads, so compressing one card overlaps drawing the next.
const deflateAsync = promisify(deflate);

/** How a card's pixels are compressed. */
export interface PalettePngOptions {
  /** zlib level of the pixel data; default 6 (level 9 saves 10% for six times the time). */
  compressionLevel: number;
  /** zlib strategy (zlib.constants.Z_*); default Z_DEFAULT_STRATEGY. */
  strategy: number;
}

/** Defaults for every palette PNG option. */
export const palettePngDefaults = {
  compressionLevel: 6,
  strategy: constants.Z_DEFAULT_STRATEGY,
} satisfies PalettePngOptions;

/** An ink of the palette and its number of blend steps from the background, the ink itself included. */
export interface Ink {
  colour: string;
  steps: number;
}

/** "#rrggbb" as [r, g, b]. */
function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The palette: the background first, then each ink in `steps` blends from nearly background to the ink itself. */
export function cardPalette(background: string, inks: readonly Ink[]): [number, number, number][] {
  const bg = rgb(background);
  const palette: [number, number, number][] = [bg];
  for (const { colour, steps } of inks) {
    const fg = rgb(colour);
    for (let s = 1; s <= steps; s++)
      palette.push(
        [0, 1, 2].map((c) => {
          const from = bg[c] ?? 0;
          return Math.round(from + (((fg[c] ?? 0) - from) * s) / steps);
        }) as [number, number, number],
      );
  }
  if (palette.length > 256) throw new RangeError(`a card palette holds at most 256 colours; got ${palette.length}`);
  return palette;
}

/** Index of the palette colour nearest to (r, g, b), by squared distance. */
function nearest(palette: readonly (readonly number[])[], r: number, g: number, b: number): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  palette.forEach(([pr = 0, pg = 0, pb = 0], i) => {
    const d = (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2;
    if (d < bestDistance) [best, bestDistance] = [i, d];
  });
  return best;
}

// Pixels compared at once against the background; a glyph's edge rarely leaves 64 pixels blank.
const SPAN = 64;

/** One PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes opaque RGBA pixels (4 bytes a pixel, rows top to bottom; alpha ignored) as an 8-bit indexed PNG over `palette`. */
export async function encodePalettePng(
  pixels: Uint8Array,
  width: number,
  height: number,
  palette: readonly (readonly number[])[],
  options: Partial<PalettePngOptions> = {},
): Promise<Buffer> {
  if (pixels.length !== width * height * 4)
    throw new RangeError(`expected ${width * height * 4} bytes of RGBA pixels; got ${pixels.length}`);
  // One 32-bit read a pixel; a view needs 4-byte alignment, which a pooled buffer may lack.
  const aligned = pixels.byteOffset % 4 === 0 ? pixels : pixels.slice();
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  // Each row starts with its filter byte; 0 (none) is what PNG's authors advise for palette images.
  const rows = Buffer.alloc((width + 1) * height);
  // Most of a card is background: a span of background pixels is recognised by one memcmp and left
  // at index 0 (the background), so JavaScript visits only the spans with ink in them.
  const bytes = Buffer.from(aligned.buffer, aligned.byteOffset, aligned.length);
  const [r0 = 0, g0 = 0, b0 = 0] = palette[0] ?? [];
  const blank = Buffer.alloc(SPAN * 4);
  for (let i = 0; i < SPAN; i++) blank.set([r0, g0, b0, 255], i * 4);
  // A card has a few hundred distinct colours: each is matched once, then looked up; most pixels
  // repeat the one before them (solid strokes) and need no lookup at all.
  const seen = new Map<number, number>();
  let lastWord = -1;
  let lastIndex = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x += SPAN) {
      const n = Math.min(SPAN, width - x);
      const start = y * width + x;
      if (bytes.compare(blank, 0, n * 4, start * 4, (start + n) * 4) === 0) continue;
      for (let p = start, o = y * (width + 1) + 1 + x; p < start + n; p++, o++) {
        const word = words[p] ?? 0;
        if (word !== lastWord) {
          let index = seen.get(word);
          if (index === undefined) {
            const i = p * 4;
            index = nearest(palette, aligned[i] ?? 0, aligned[i + 1] ?? 0, aligned[i + 2] ?? 0);
            seen.set(word, index);
          }
          lastWord = word;
          lastIndex = index;
        }
        rows[o] = lastIndex;
      }
    }
  }
  return encodeIndexedPng(rows, width, height, palette, options);
}

/** An 8-bit indexed PNG of ready rows (each a filter byte, then one palette index a pixel). */
export async function encodeIndexedPng(
  rows: Uint8Array,
  width: number,
  height: number,
  palette: readonly (readonly number[])[],
  options: Partial<PalettePngOptions> = {},
): Promise<Buffer> {
  checkRows(rows, width, height);
  const { compressionLevel: level, strategy } = { ...palettePngDefaults, ...options };
  return pngFile(width, height, palette, await deflateAsync(rows, { level, strategy }));
}

/** encodeIndexedPng on the calling thread: for a worker thread, which has nothing else to do meanwhile. */
export function encodeIndexedPngSync(
  rows: Uint8Array,
  width: number,
  height: number,
  palette: readonly (readonly number[])[],
  options: Partial<PalettePngOptions> = {},
): Buffer {
  checkRows(rows, width, height);
  const { compressionLevel: level, strategy } = { ...palettePngDefaults, ...options };
  return pngFile(width, height, palette, deflateSync(rows, { level, strategy }));
}

function checkRows(rows: Uint8Array, width: number, height: number): void {
  if (rows.length !== (width + 1) * height)
    throw new RangeError(`expected ${(width + 1) * height} bytes of PNG rows; got ${rows.length}`);
}

/** The PNG file around deflated rows. */
function pngFile(width: number, height: number, palette: readonly (readonly number[])[], idat: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (indexed), deflate, filters, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("PLTE", Uint8Array.from(palette.flat())),
    chunk("IDAT", idat),
    chunk("IEND", new Uint8Array(0)),
  ]);
}
