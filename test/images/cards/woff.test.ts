// A WOFF font unpacked into OpenType reads as the same font: same tables, same glyphs, same layout.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Font } from "fontkit";
import { describe, expect, it } from "vitest";
import { sfntFromWoff } from "../../../src/images/cards/woff.ts";

const require = createRequire(import.meta.url);
const { create } = require("fontkit") as typeof import("fontkit");
const files = [
  "@fontsource/source-serif-4/files/source-serif-4-latin-700-normal.woff",
  "@fontsource/source-sans-3/files/source-sans-3-latin-ext-400-normal.woff",
  "@fontsource/source-sans-3/files/source-sans-3-greek-700-normal.woff",
].map((name) => require.resolve(name));
/** The tags of a font's tables (fontkit keeps its directory, which its types leave out). */
const tables = (font: Font) =>
  Object.keys((font as unknown as { directory: { tables: object } }).directory.tables).sort();
const TEXT = "Whitcombe’s ferry: 12 ½ knots — “fine” Łódź ΑΒΓ fi AV";

describe("sfntFromWoff", () => {
  it.each(files)("unpacks %s into a font fontkit reads as the WOFF itself", (file) => {
    const woff = readFileSync(file);
    const sfnt = sfntFromWoff(woff, file);
    // The sfnt is as long as the WOFF header says the unpacked font is.
    expect(sfnt.length).toBe(woff.readUInt32BE(16));
    const [packed, unpacked] = [create(woff) as Font, create(sfnt) as Font];
    expect(unpacked.type).toBe("TTF");
    expect(tables(unpacked)).toEqual(tables(packed));
    expect(unpacked.numGlyphs).toBe(packed.numGlyphs);
    const [a, b] = [packed.layout(TEXT), unpacked.layout(TEXT)];
    expect(b.glyphs.map((g) => g.id)).toEqual(a.glyphs.map((g) => g.id));
    expect(b.positions).toEqual(a.positions);
    expect(b.glyphs.map((g) => g.path.toSVG())).toEqual(a.glyphs.map((g) => g.path.toSVG()));
  });

  it("refuses bytes that are not a WOFF font, or one cut short, naming the file", () => {
    const woff = readFileSync(files[0] ?? "");
    expect(() => sfntFromWoff(Buffer.from("OTTO and more bytes than a header holds, surely"), "x.woff")).toThrow(
      "x.woff is not a usable WOFF font: no WOFF signature",
    );
    expect(() => sfntFromWoff(woff.subarray(0, 60), "cut.woff")).toThrow(
      "cut.woff is not a usable WOFF font: its table directory is cut short",
    );
    expect(() => sfntFromWoff(woff.subarray(0, woff.length - 100), "end.woff")).toThrow(/lies outside the file/);
  });
});
