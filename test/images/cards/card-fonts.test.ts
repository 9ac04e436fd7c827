// Fonts from npm packages, text split across their subsets, shaped with kerning.
import { describe, expect, it, vi } from "vitest";
import { cardFaces, fontRuns, fontsRecipe, measure, shape } from "../../../src/images/cards/card-fonts.ts";

// The first card of a process parses the fonts' layout tables and starts librsvg, seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

describe("fontRuns", () => {
  const { serifBold } = cardFaces();
  it.each([
    ["plain Latin in one run", "Harbour bridge", ["Harbour bridge"]],
    ["Latin Extended letters in the next subset", "Łódź", ["Ł", "ód", "ź"]],
    ["emoji dropped, with the space beside them", "Fire 🔥 ball 👩‍🚀", ["Fire ball "]],
    ["leading and repeated spaces collapse; tabs and newlines become spaces", "  one\t\ntwo", ["one two"]],
    ["decomposed accents composed first (NFC)", "Cafe\u0301", ["Café"]],
    ["nothing drawable at all", "🔥🔥", []],
  ])("%s", (_name, text, runs) => {
    expect(fontRuns(serifBold, text).map((r) => r.text)).toEqual(runs);
  });
});

describe("shape", () => {
  const { serifBold, sansBold } = cardFaces();
  it("kerns pairs such as AV (fontkit reads the GPOS kerning these fonts carry)", () => {
    expect(measure(serifBold, "AV", 100)).toBeLessThan(measure(serifBold, "A", 100) + measure(serifBold, "V", 100));
  });

  it("scales with the size and adds tracking between glyphs only", () => {
    expect(measure(serifBold, "News", 80)).toBeCloseTo(2 * measure(serifBold, "News", 40), 5);
    expect(measure(sansBold, "NEWS", 20, 0.1)).toBeCloseTo(measure(sansBold, "NEWS", 20) + 3 * 2, 5);
  });

  it("gives glyph outlines and nothing for an empty string", () => {
    const shaped = shape(serifBold, "Ab", 50);
    expect(shaped.glyphs).toHaveLength(2);
    expect(shaped.glyphs[0]?.d).toMatch(/^M/);
    expect(shape(serifBold, "", 50)).toEqual({ glyphs: [], width: 0, scale: 0.05 });
  });

  it("names the font files and fontkit version for the cache", () => {
    expect(fontsRecipe()).toEqual({
      fontkit: expect.stringMatching(/^2\./),
      fonts: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});
