// Glyph coverage bitmaps: drawn like librsvg draws the same outline, once per cache and position.
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { cardFaces } from "../../../src/images/cards/card-fonts.ts";
import { glyphBitmap, glyphCache } from "../../../src/images/cards/card-glyphs.ts";

// The first card of a process parses the fonts' layout tables, seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const { serifBold } = cardFaces();
const font = serifBold.fonts[0]!;
const glyphOf = (char: string) => font.glyphForCodePoint(char.codePointAt(0)!);

describe("glyphBitmap", () => {
  it.each(["g", "Q", "&", "ffi"])("covers the pixels librsvg covers for %s", async (char) => {
    const glyph = char.length > 1 ? font.layout(char).glyphs[0]! : glyphOf(char);
    const scale = 76 / serifBold.unitsPerEm;
    const [ox, oy, fx, fy] = [40, 120, 0.375, 0.28];
    const bitmap = glyphBitmap(glyphCache(), font, glyph.id, scale, fx, fy)!;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160"><path transform="matrix(${scale} 0 0 -${scale} ${ox + fx} ${oy + fy})" d="${glyph.path.toSVG()}"/></svg>`;
    const exact = await sharp(Buffer.from(svg)).ensureAlpha().extractChannel(3).raw().toBuffer();
    const ours = new Uint8Array(160 * 160);
    for (let y = 0; y < bitmap.height; y++)
      for (let x = 0; x < bitmap.width; x++)
        ours[(oy + bitmap.top + y) * 160 + ox + bitmap.left + x] = bitmap.coverage[y * bitmap.width + x]!;
    let sum = 0;
    let ink = 0;
    for (let i = 0; i < ours.length; i++) {
      sum += Math.abs(ours[i]! - exact[i]!);
      ink += exact[i]!;
    }
    expect(ink).toBeGreaterThan(0);
    // Less than 2% of the ink differs: antialiasing algorithms disagree only at the edges.
    expect(sum / ink).toBeLessThan(0.02);
  });

  it("rasterises each glyph once per cache and position, the same way in every cache", () => {
    const cache = glyphCache();
    const id = glyphOf("a").id;
    const first = glyphBitmap(cache, font, id, 0.05, 0.25, 0);
    expect(glyphBitmap(cache, font, id, 0.05, 0.25, 0)).toBe(first);
    expect(glyphBitmap(cache, font, id, 0.05, 0.5, 0)).not.toEqual(first);
    expect(glyphBitmap(glyphCache(), font, id, 0.05, 0.25, 0)).toEqual(first);
  });

  it("gives no bitmap for a glyph without ink, such as a space", () => {
    expect(glyphBitmap(glyphCache(), font, glyphOf(" ").id, 0.05, 0, 0)).toBeNull();
  });
});
