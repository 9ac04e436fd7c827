// Fonts from npm packages, text split across their subsets, shaped with kerning.
import { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import { cardFaces, faceFonts, fontRuns, fontsRecipe, measure, shape } from "../../../src/images/cards/card-fonts.ts";

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

describe("faceFonts", () => {
  it("unpacks every subset of the three faces on the main thread, once", () => {
    const fonts = faceFonts();
    expect(faceFonts()).toBe(fonts);
    for (const face of Object.values(fonts)) {
      expect(face.length).toBeGreaterThan(1);
      // An OpenType file of TrueType outlines begins with 0x00010000.
      for (const font of face) expect(Buffer.from(font.subarray(0, 4)).readUInt32BE(0)).toBe(0x10000);
    }
  });

  it("refuses to unpack in a worker thread, which is handed them instead (zlib there may abort Node 20)", async () => {
    const fonts = new URL("../../../src/images/cards/card-fonts.ts", import.meta.url).href;
    const source = `const { parentPort } = await import("node:worker_threads");
if (!process.features.typescript) (await import("tsx/esm/api")).register();
const { faceFonts } = await import(${JSON.stringify(fonts)});
try { faceFonts(); parentPort.postMessage("unpacked"); } catch (e) { parentPort.postMessage(e.message); }`;
    const worker = new Worker(source, { eval: true, type: "module" } as ConstructorParameters<typeof Worker>[1]);
    const said = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    expect(said).toMatch(/handed its fonts by the thread that starts it/);
  });
});
