// What an author is told of a source image that cannot be used.
import { describe, expect, it } from "vitest";
import { tooLargeProblem } from "../../src/images/image-problems.ts";

describe("tooLargeProblem", () => {
  it.each([
    [64_000_000, 50_000_000, "is 64.0 megapixels; the limit is 50 megapixels (maxPixels)"],
    [120_000, 100_000, "is 0.12 megapixels; the limit is 0.1 megapixels (maxPixels)"],
  ])("%i pixels over %i", (pixels, max, expected) => {
    expect(tooLargeProblem(pixels, max).problem).toBe(expected);
  });
});
