// Drawing a card scene into palette indices: the frame exactly, text as its ink's blend steps, the same bytes every time.
import { describe, expect, it, vi } from "vitest";
import { cardFaces } from "../../../src/images/cards/card-fonts.ts";
import { cardDesignDefaults, type CardScene, cardScene } from "../../../src/images/cards/card-layout.ts";
import { cardCanvas, drawCard } from "../../../src/images/cards/card-raster.ts";

vi.setConfig({ testTimeout: 30_000 });

const inks = {
  text: { first: 1, steps: 16 },
  muted: { first: 17, steps: 8 },
  accent: { first: 25, steps: 12 },
  rule: { first: 37, steps: 2 },
};
const text = {
  headline: "Harbour bridge reopens “AVA” after fifty-one days",
  source: "Northbridge Courier",
  site: "The Morning Ledger",
  date: "Tuesday 24 November 2026",
  host: "ledger.example.org",
  language: "en-GB",
};
const at = (rows: Buffer, x: number, y: number, width = 20) => rows[y * (width + 1) + 1 + x];

describe("drawCard", () => {
  it("draws rectangles at their ink's full strength, with filter byte 0 on each row", () => {
    const scene: CardScene = {
      width: 20,
      height: 10,
      rects: [
        { x: 2, y: 1, width: 5, height: 2, ink: "accent" },
        { x: 15, y: 8, width: 10, height: 5, ink: "rule" },
      ],
      texts: [],
    };
    const rows = drawCard(scene, inks, cardCanvas());
    expect(rows).toHaveLength(21 * 10);
    for (let y = 0; y < 10; y++) expect(rows[y * 21]).toBe(0);
    expect([at(rows, 2, 1), at(rows, 6, 2), at(rows, 7, 2), at(rows, 1, 1), at(rows, 2, 3)]).toEqual([36, 36, 0, 0, 0]);
    // Clipped at the card's edge.
    expect([at(rows, 19, 9), at(rows, 14, 9)]).toEqual([38, 0]);
  });

  it("gives every pixel of text an index among its own ink's blend steps", () => {
    const scene = cardScene(text, cardFaces());
    const rows = drawCard({ ...scene, rects: [] }, inks, cardCanvas());
    const { width } = cardDesignDefaults;
    const used = new Set<number>();
    // The kicker (accent) sits between the masthead's rules (y 122) and the headline (y 214).
    for (let y = 122; y < 200; y++) for (let x = 0; x < width; x++) used.add(at(rows, x, y, width)!);
    expect(Math.min(...[...used].filter((i) => i > 0))).toBeGreaterThanOrEqual(25);
    expect(Math.max(...used)).toBe(36);
    // Antialiased edges: several steps between the background and the ink.
    expect(used.size).toBeGreaterThan(6);
  });

  it("makes the same bytes with a fresh canvas and with one that drew other cards before", () => {
    const faces = cardFaces();
    const scene = cardScene(text, faces);
    const fresh = drawCard(scene, inks, cardCanvas());
    const canvas = cardCanvas();
    drawCard(cardScene({ ...text, headline: "Wendmere quarry closes" }, faces), inks, canvas);
    expect(drawCard(scene, inks, canvas).equals(fresh)).toBe(true);
    expect(drawCard(cardScene({ ...text, headline: "Other" }, faces), inks, canvas).equals(fresh)).toBe(false);
  });

  it("darkens a pixel two glyphs share, as drawing one over the other does", () => {
    const scene = cardScene(text, cardFaces());
    const line = scene.texts.at(-3)!;
    const once = drawCard({ ...scene, rects: [], texts: [line] }, inks, cardCanvas());
    const twice = drawCard(
      { ...scene, rects: [], texts: [{ ...line, glyphs: [...line.glyphs, ...line.glyphs] }] },
      inks,
      cardCanvas(),
    );
    let [darker, lighter] = [0, 0];
    for (let i = 0; i < once.length; i++) {
      if (twice[i]! > once[i]!) darker++;
      if (twice[i]! < once[i]!) lighter++;
    }
    expect(darker).toBeGreaterThan(0);
    expect(lighter).toBe(0);
  });
});
