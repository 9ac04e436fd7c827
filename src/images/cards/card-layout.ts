// The generated social card of an article without a lead image: headline, source, site name and
// date laid out as a scene of rectangles and shaped glyphs, which card-raster.ts draws. The same scene
// as an SVG of glyph outlines (no <text>, no author text: only path data and numbers) is the reference
// look librsvg draws, kept for tests and comparison. No system font is used.
import type { CardFaces, Face, PlacedGlyph } from "./card-fonts.ts";
import { shapeWords, type WordCache, wordCache } from "./card-words.ts";
import { wrapText } from "./card-wrap.ts";

export { wrapText };

/** What a card says. */
export interface CardText {
  headline: string;
  /** The outlet the item reports from, shown as a kicker above the headline. */
  source?: string | undefined;
  /** The site's name, shown as a masthead. */
  site: string;
  /** The publication day as readers see it, such as "Tuesday 24 November 2026". */
  date: string;
  /** The site's host name, such as ledger.example.org, shown at the bottom right. */
  host: string;
  /** BCP 47 language, for upper-casing the kicker. */
  language: string;
}

/** How a card looks. */
export interface CardDesign {
  /** Card size in pixels; default 1200 × 630, the size Open Graph previews use. */
  width: number;
  height: number;
  /** Left and right margin in pixels; default 72. */
  margin: number;
  /** Colours, from layouts/assets/site.css (light scheme). */
  colours: { background: string; text: string; muted: string; accent: string; rule: string };
  /** Headline sizes in pixels, tried largest first until the headline fits; default [76, 66, 58]. */
  headlineSizes: readonly number[];
  /** Most headline lines before an ellipsis; default 4. */
  maxLines: number;
  /** Headline line height, as a multiple of its size; default 1.14. */
  lineHeight: number;
}

/** Defaults for every card design field. */
export const cardDesignDefaults = {
  width: 1200,
  height: 630,
  margin: 72,
  colours: { background: "#fbfaf7", text: "#1a1a1a", muted: "#595959", accent: "#a4161a", rule: "#d6d1c7" },
  headlineSizes: [76, 66, 58],
  maxLines: 4,
  lineHeight: 1.14,
} satisfies CardDesign;

/** An ink of the card: every pixel is the background blended towards one of them. */
export type InkName = Exclude<keyof CardDesign["colours"], "background">;

/** A filled rectangle of the card, on whole pixels. */
export interface SceneRect {
  x: number;
  y: number;
  width: number;
  height: number;
  ink: InkName;
}

/** A shaped line of text: glyphs placed from `x`, on the baseline `y`, at `scale` pixels per font unit. */
export interface SceneText {
  glyphs: PlacedGlyph[];
  scale: number;
  x: number;
  y: number;
  ink: InkName;
}

/** What a card draws over its background. */
export interface CardScene {
  width: number;
  height: number;
  rects: SceneRect[];
  texts: SceneText[];
}

// Where each part sits, in pixels: the masthead and headline from the top, the footer from the bottom.
const PLACE = {
  accentBar: 12,
  site: { size: 40, baseline: 92 },
  /** The masthead's double rule: the top of each line, and its weight. */
  rules: [114, 120],
  rule: 2,
  kicker: { size: 26, baseline: 186, tracking: 0.08 },
  headlineTop: { withKicker: 214, withoutKicker: 168 },
  /** The first baseline sits this many ems below the headline's top (about the cap height). */
  headlineAscent: 0.78,
  headlineBottom: 112,
  footer: { size: 24, rule: 80, baseline: 36, gap: 24 },
};

/** The parts every card shares, whatever it says: the accent bar and the rules. */
export function cardFrame(design: CardDesign = cardDesignDefaults): SceneRect[] {
  const { width, height, margin } = design;
  const inner = width - 2 * margin;
  const rule = (y: number, ink: InkName): SceneRect => ({ x: margin, y, width: inner, height: PLACE.rule, ink });
  return [
    { x: 0, y: 0, width, height: PLACE.accentBar, ink: "accent" },
    ...PLACE.rules.map((y) => rule(y, "text")),
    rule(height - PLACE.footer.rule, "rule"),
  ];
}

/** The card laid out: its frame and its shaped lines of text; pass one `words` cache to every card of a build. */
export function cardScene(
  card: CardText,
  faces: CardFaces,
  design: CardDesign = cardDesignDefaults,
  words: WordCache = wordCache(),
): CardScene {
  const { width, height, margin } = design;
  const { site, kicker, footer } = PLACE;
  const inner = width - 2 * margin;
  const texts: SceneText[] = [];
  const measure = (face: Face, text: string, size: number, tracking = 0) =>
    shapeWords(face, text, size, tracking, words).width;
  // One line of `text` that fits `maxWidth`, with an ellipsis when cut.
  const oneLine = (face: Face, text: string, size: number, maxWidth: number, tracking = 0) =>
    wrapText(text, (t) => measure(face, t, size, tracking), maxWidth, 1).lines[0] ?? "";
  const draw = (face: Face, text: string, size: number, x: number, y: number, ink: InkName, tracking = 0) => {
    const shaped = shapeWords(face, text, size, tracking, words);
    if (shaped.glyphs.length > 0) texts.push({ glyphs: shaped.glyphs, scale: shaped.scale, x, y, ink });
  };
  // Masthead: the site's name over a double rule, as on every page of the site.
  draw(
    faces.serifBold,
    oneLine(faces.serifBold, card.site, site.size, inner),
    site.size,
    margin,
    site.baseline,
    "text",
  );
  let top = PLACE.headlineTop.withoutKicker;
  if (card.source) {
    const label = oneLine(
      faces.sansBold,
      card.source.toLocaleUpperCase(card.language),
      kicker.size,
      inner,
      kicker.tracking,
    );
    draw(faces.sansBold, label, kicker.size, margin, kicker.baseline, "accent", kicker.tracking);
    top = PLACE.headlineTop.withKicker;
  }
  // The largest size at which the whole headline fits; the smallest, with an ellipsis, when none does.
  const bottom = height - PLACE.headlineBottom;
  const sizes = design.headlineSizes.length > 0 ? design.headlineSizes : cardDesignDefaults.headlineSizes;
  // Replaced in the loop below: sizes is never empty.
  let chosen = { size: sizes.at(-1) ?? 0, lines: [] as string[] };
  for (const size of sizes) {
    const step = size * design.lineHeight;
    const room = Math.max(
      1,
      Math.min(design.maxLines, Math.floor((bottom - top - size * PLACE.headlineAscent) / step) + 1),
    );
    const wrapped = wrapText(card.headline, (t) => measure(faces.serifBold, t, size), inner, room);
    chosen = { size, lines: wrapped.lines };
    if (!wrapped.truncated) break;
  }
  const { size, lines } = chosen;
  lines.forEach((line, i) => {
    const baseline = top + size * PLACE.headlineAscent + i * size * design.lineHeight;
    draw(faces.serifBold, line, size, margin, baseline, "text");
  });
  // Footer: a hairline, the day on the left, the site's host on the right.
  const host = oneLine(faces.sansBold, card.host, footer.size, inner / 2);
  const hostWidth = measure(faces.sansBold, host, footer.size);
  const date = oneLine(faces.sans, card.date, footer.size, inner / 2 - footer.gap);
  draw(faces.sans, date, footer.size, margin, height - footer.baseline, "muted");
  draw(faces.sansBold, host, footer.size, width - margin - hostWidth, height - footer.baseline, "muted");
  return { width, height, rects: cardFrame(design), texts };
}

// Coordinates to a hundredth of a pixel; the glyph scale (pixels per font unit) needs more digits.
const num = (n: number, digits = 2) => String(Number(n.toFixed(digits)));

/** The card as an SVG document of glyph outlines: the reference look, as librsvg draws it. */
export function cardSvg(card: CardText, faces: CardFaces, design: CardDesign = cardDesignDefaults): string {
  const { width, height, rects, texts } = cardScene(card, faces, design);
  const { colours } = design;
  const parts = [`<rect width="${width}" height="${height}" fill="${colours.background}"/>`];
  for (const r of rects)
    parts.push(`<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" fill="${colours[r.ink]}"/>`);
  for (const { glyphs, scale, x, y, ink } of texts) {
    const s = num(scale, 6);
    const paths = glyphs
      .filter((g) => g.d)
      .map((g) => `<path transform="matrix(${s} 0 0 -${s} ${num(x + g.x)} ${num(y)})" d="${g.d}"/>`);
    if (paths.length > 0) parts.push(`<g fill="${colours[ink]}">${paths.join("")}</g>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
}
