// A generated card from text to PNG bytes: Z_RLE first, the default strategy for a card past the budget.
import { constants, inflateSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { drawState, generatedPng } from "../../../src/images/cards/card-draw.ts";
import { cardDefaults } from "../../../src/images/cards/card-options.ts";
import { cardText as text } from "../../helpers/cards.ts";

vi.setConfig({ testTimeout: 30_000 });

/** The IDAT chunk's data of a PNG with one IDAT. */
function idat(png: Buffer): Buffer {
  const at = png.indexOf("IDAT", 8, "latin1");
  return png.subarray(at + 4, at + 4 + png.readUInt32BE(at - 4));
}

describe("generatedPng", () => {
  const png = cardDefaults.png;
  it("deflates with Z_RLE within the budget, and again with the default strategy past it: the same pixels", () => {
    const state = drawState(png);
    const rle = generatedPng(text, png, state);
    expect(rle.length).toBeLessThanOrEqual(png.budget);
    const tight = generatedPng(text, { ...png, budget: rle.length - 1 }, state);
    expect(tight.length).toBeLessThan(rle.length);
    expect(inflateSync(idat(tight)).equals(inflateSync(idat(rle)))).toBe(true);
    expect(tight.equals(generatedPng(text, { ...png, strategy: constants.Z_DEFAULT_STRATEGY }, drawState(png)))).toBe(
      true,
    );
  });

  it("gives the same bytes from a fresh state and from one that drew other cards", () => {
    const used = drawState(png);
    generatedPng({ ...text, headline: "Quarry closes after ninety years" }, png, used);
    expect(generatedPng(text, png, used).equals(generatedPng(text, png, drawState(png)))).toBe(true);
  });
});
