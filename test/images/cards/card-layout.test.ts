// Card layout: line breaking, and an SVG made only of shapes, with no text an author wrote.
import { describe, expect, it, vi } from "vitest";
import { cardFaces, measure } from "../../../src/images/cards/card-fonts.ts";
import { cardSvg, wrapText } from "../../../src/images/cards/card-layout.ts";

// The first card of a process parses the fonts' layout tables and starts librsvg, seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

// Ten pixels a character: line breaks are exact and easy to read.
const mono = (text: string) => [...text].length * 10;

describe("wrapText", () => {
  it.each([
    ["empty text", "", 100, 4, [], false],
    ["a line that fits", "one two", 100, 4, ["one two"], false],
    ["breaks at spaces", "one two three four", 100, 4, ["one two", "three four"], false],
    ["collapses runs of spaces", "one   two\n three", 100, 4, ["one two", "three"], false],
    [
      "a word longer than a line is broken between characters",
      "abcdefghijklmnop",
      50,
      4,
      ["abcde", "fghij", "klmno", "p"],
      false,
    ],
    ["too many lines end in an ellipsis", "aa bb cc dd ee ff", 50, 2, ["aa bb", "cc…"], true],
    ["the ellipsis drops trailing punctuation", "aaaa, bb cc", 60, 1, ["aaaa…"], true],
    ["accented letters count as one character each", "São Tomé é", 80, 4, ["São Tomé", "é"], false],
    [
      "a grapheme cluster is never split",
      "e\u0301e\u0301e\u0301e\u0301",
      20,
      4,
      ["e\u0301e\u0301", "e\u0301e\u0301"],
      false,
    ],
  ])("%s", (_name, text, maxWidth, maxLines, lines, truncated) => {
    // Combining marks add code points but not width.
    const width = (t: string) => [...new Intl.Segmenter().segment(t)].length * 10;
    expect(wrapText(text, maxWidth === 20 ? width : mono, maxWidth, maxLines)).toEqual({ lines, truncated });
  });

  it("never returns a line wider than the limit, with the real font", () => {
    const { serifBold } = cardFaces();
    const width = (t: string) => measure(serifBold, t, 66);
    const text =
      "Council approves the harbour masterplan after a marathon eleven-hour session, with amendments on housing, parking and the ferry terminal";
    const { lines, truncated } = wrapText(text, width, 1056, 4);
    expect(truncated).toBe(true);
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/…$/);
    for (const line of lines) expect(width(line)).toBeLessThanOrEqual(1056);
  });
});

const text = {
  site: "The Morning Ledger",
  date: "Tuesday 24 November 2026",
  host: "ledger.example.org",
  language: "en-GB",
};

describe("cardSvg", () => {
  it("draws text as paths only: no <text>, no font reference, no author text", () => {
    const headline = "Harbour <script>alert(1)</script> & “bridge” reopens";
    const svg = cardSvg({ ...text, headline, source: "Northbridge Courier" }, cardFaces());
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="630"/);
    expect(svg).not.toMatch(/<text|font-family|<style|<script|href/);
    for (const word of ["Harbour", "script", "alert", "bridge", "Northbridge", "Morning", "ledger"])
      expect(svg).not.toContain(word);
    // Nothing but the elements the card is built from.
    expect(new Set([...svg.matchAll(/<([a-z]+)/g)].map((m) => m[1]))).toEqual(new Set(["svg", "rect", "g", "path"]));
  });

  it("survives emoji and characters no font has, and draws accented and Greek letters", () => {
    const faces = cardFaces();
    const plain = cardSvg({ ...text, headline: "Fireball", source: undefined }, faces);
    const emoji = cardSvg({ ...text, headline: "🔥 Fireball 👩‍🚀 ✨", source: undefined }, faces);
    expect(emoji).toBe(plain);
    const accents = cardSvg({ ...text, headline: "Ελλάδα São Tomé Łódź", source: "Rádio" }, faces);
    expect((accents.match(/<path /g) ?? []).length).toBeGreaterThan((plain.match(/<path /g) ?? []).length);
  });

  it("makes the headline smaller before it cuts it", () => {
    const faces = cardFaces();
    const size = (svg: string) =>
      Number(/<g fill="#1a1a1a"><path transform="matrix\(([\d.]+)/.exec(svg.split("</g>")[1] ?? "")?.[1]);
    const short = cardSvg({ ...text, headline: "Bridge reopens" }, faces);
    const long = cardSvg(
      {
        ...text,
        headline:
          "Bridge reopens after six weeks of repairs to the swing mechanism, a week ahead of the schedule the council set in October",
      },
      faces,
    );
    expect(size(long)).toBeLessThan(size(short));
  });
});
