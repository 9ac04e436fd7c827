// The palette PNG encoder: a known palette of blends, pixels mapped to their nearest entry, a PNG sharp reads back.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { cardPalette, encodePalettePng } from "../../../src/images/cards/card-png.ts";

describe("cardPalette", () => {
  it.each([
    { inks: [], expected: [[255, 255, 255]] },
    {
      inks: [{ colour: "#000000", steps: 1 }],
      expected: [
        [255, 255, 255],
        [0, 0, 0],
      ],
    },
    {
      inks: [{ colour: "#000000", steps: 2 }],
      expected: [
        [255, 255, 255],
        [128, 128, 128],
        [0, 0, 0],
      ],
    },
    {
      inks: [
        { colour: "#ff0000", steps: 1 },
        { colour: "#0000ff", steps: 1 },
      ],
      expected: [
        [255, 255, 255],
        [255, 0, 0],
        [0, 0, 255],
      ],
    },
  ])("blends the background towards each ink: $inks", ({ inks, expected }) => {
    expect(cardPalette("#ffffff", inks)).toEqual(expected);
  });

  it("refuses more than 256 colours, which an 8-bit index cannot address", () => {
    expect(() => cardPalette("#ffffff", [{ colour: "#000000", steps: 256 }])).toThrow(/at most 256 colours; got 257/);
  });
});

/** RGB triples as opaque RGBA pixels. */
const rgba = (rgb: number[]) => Uint8Array.from(rgb.flatMap((v, i) => (i % 3 === 2 ? [v, 255] : [v])));

describe("encodePalettePng", () => {
  const palette = cardPalette("#fbfaf7", [{ colour: "#1a1a1a", steps: 4 }]);

  it("writes an 8-bit indexed PNG that decodes to the nearest palette colour of each pixel", async () => {
    // Three pixels in a row: the background, a colour about halfway to the ink, and the ink.
    const pixels = rgba([251, 250, 247, 140, 140, 138, 26, 26, 26]);
    const png = await encodePalettePng(pixels, 3, 1, palette);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 3, 1]);
    // IHDR's bit depth and colour type: 8 bits, 3 = indexed.
    expect([png[24], png[25]]).toEqual([8, 3]);
    const back = await sharp(png).removeAlpha().raw().toBuffer();
    // (140, 140, 138) is nearest the middle of the four blends, (139, 138, 137).
    expect([...back]).toEqual([251, 250, 247, 139, 138, 137, 26, 26, 26]);
  });

  it("keeps rows apart: a pixel at the start of a row is not taken for the one before it", async () => {
    const rgb = [26, 26, 26, 251, 250, 247, 251, 250, 247, 26, 26, 26];
    const pixels = rgba(rgb);
    const back = await sharp(await encodePalettePng(pixels, 2, 2, palette))
      .removeAlpha()
      .raw()
      .toBuffer();
    expect([...back]).toEqual(rgb);
  });

  it("leaves background spans at the background and maps ink after them, across span boundaries", async () => {
    // 70 × 2: a blank row, then a row blank but for one ink pixel in its second 64-pixel span.
    const rgb = Array.from({ length: 140 }, (_, i) => (i === 70 + 65 ? [26, 26, 26] : [251, 250, 247])).flat();
    const back = await sharp(await encodePalettePng(rgba(rgb), 70, 2, palette))
      .removeAlpha()
      .raw()
      .toBuffer();
    expect([...back]).toEqual(rgb);
  });

  it("refuses pixels that do not fill the given size", async () => {
    await expect(encodePalettePng(new Uint8Array(7), 2, 1, palette)).rejects.toThrow(
      "expected 8 bytes of RGBA pixels; got 7",
    );
  });

  it("reads pixels from a buffer that does not start on a 4-byte boundary", async () => {
    const backing = new Uint8Array(1 + 8);
    backing.set(rgba([26, 26, 26, 251, 250, 247]), 1);
    const back = await sharp(await encodePalettePng(backing.subarray(1), 2, 1, palette))
      .removeAlpha()
      .raw()
      .toBuffer();
    expect([...back]).toEqual([26, 26, 26, 251, 250, 247]);
  });
});
