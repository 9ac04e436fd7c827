// Text shaped from a per-build cache of words: the same widths and positions as shaping the whole line.
import { describe, expect, it, vi } from "vitest";
import { cardFaces, shape } from "../../../src/images/cards/card-fonts.ts";
import { shapeWords, wordCache } from "../../../src/images/cards/card-words.ts";

vi.setConfig({ testTimeout: 30_000 });

describe("shapeWords", () => {
  const { serifBold, sansBold } = cardFaces();
  it.each([
    ["kerning around spaces", serifBold, "Ferry on Tuesday, AVA Wy. T. Yes", 0],
    ["tracking", sansBold, "NORTHBRIDGE COURIER", 0.08],
    ["subsets", serifBold, "Ελλάδα São Tomé Łódź", 0],
  ] as const)("lays out a line as shape() does, with %s", (_name, face, line, tracking) => {
    const whole = shape(face, line, 76, tracking);
    const words = shapeWords(face, line, 76, tracking, wordCache());
    expect(words.width).toBeCloseTo(whole.width, 6);
    const inked = whole.glyphs.filter((g) => g.d);
    expect(words.glyphs.filter((g) => g.d).map((g) => g.x)).toEqual(inked.map((g) => expect.closeTo(g.x, 6)));
  });

  it("shapes each word once per cache", () => {
    const cache = wordCache();
    const first = shapeWords(serifBold, "harbour bridge harbour", 76, 0, cache);
    const size = cache.get(serifBold)?.size;
    expect(cache.get(serifBold)?.get("76 0 harbour")).toBeDefined();
    expect(shapeWords(serifBold, "harbour bridge harbour", 76, 0, cache)).toEqual(first);
    expect(cache.get(serifBold)?.size).toBe(size);
  });

  it("gives a word of characters no font has no room, and nothing to draw", () => {
    const cache = wordCache();
    expect(shapeWords(serifBold, "Fire 🔥 ball", 40, 0, cache)).toEqual(
      shapeWords(serifBold, "Fire ball", 40, 0, cache),
    );
    expect(shapeWords(serifBold, "🔥", 40, 0, cache)).toEqual({
      glyphs: [],
      width: 0,
      scale: 40 / serifBold.unitsPerEm,
    });
  });
});
