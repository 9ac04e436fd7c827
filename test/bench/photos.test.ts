import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { generatePhoto, photoPixels } from "./photos.ts";

describe("photoPixels", () => {
  it("gives the same bytes for the same seed, and other bytes for another", () => {
    expect(photoPixels(3, 64, 40).equals(photoPixels(3, 64, 40))).toBe(true);
    expect(photoPixels(3, 64, 40).equals(photoPixels(4, 64, 40))).toBe(false);
  });

  it("has texture, not flat colour: a wide spread of values and most neighbours differing", () => {
    const pixels = photoPixels(1, 200, 120);
    const mean = pixels.reduce((sum, v) => sum + v, 0) / pixels.length;
    const deviation = Math.sqrt(pixels.reduce((sum, v) => sum + (v - mean) ** 2, 0) / pixels.length);
    let differing = 0;
    for (let i = 3; i < pixels.length; i++) if (pixels[i] !== pixels[i - 3]) differing++;
    expect(deviation).toBeGreaterThan(25);
    expect(differing / pixels.length).toBeGreaterThan(0.8);
  });
});

describe("generatePhoto", () => {
  it("makes a 1600×1067 JPEG by default, heavy as a photo is", async () => {
    const jpeg = await generatePhoto(1);
    const meta = await sharp(jpeg).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(["jpeg", 1600, 1067, 3]);
    // A flat or smooth picture of this size compresses to a few tens of kilobytes.
    expect(jpeg.length).toBeGreaterThan(200_000);
  });
});
