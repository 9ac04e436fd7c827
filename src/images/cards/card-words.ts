// Text shaped word by word, each word once per build: headlines of one site share most of their
// words, and line breaking measures every candidate line, so shaping whole lines with fontkit again
// and again was most of a card's layout time. Words are joined by one space each, as shape() joins
// them, with the kerning these fonts apply around a space (as in "y T"): it is measured once per pair
// of characters meeting across a space, so a line measures as wide as shape() makes it.
import { type Face, type PlacedGlyph, type ShapedText, shape } from "./card-fonts.ts";

/** Words shaped during one build, by face, then by size, tracking and word: keep one per build. */
export type WordCache = Map<Face, Map<string, ShapedText>>;

/** An empty word cache. */
export const wordCache = (): WordCache => new Map();

/** Shapes `text` as shape() does, from the cache's words; `tracking` adds that many ems after each glyph. */
export function shapeWords(face: Face, text: string, size: number, tracking: number, cache: WordCache): ShapedText {
  let byFace = cache.get(face);
  if (!byFace) cache.set(face, (byFace = new Map()));
  const memo = byFace;
  const word = (w: string) => {
    const key = `${size} ${tracking} ${w}`;
    let shaped = memo.get(key);
    if (!shaped) memo.set(key, (shaped = shape(face, w, size, tracking)));
    return shaped;
  };
  // Between two words: the last glyph's tracking, the space and its tracking, and any kerning around it.
  const gap = (before: string, after: string) => {
    const key = `${size} ${tracking} ${before} ${after}`;
    let kerned = memo.get(key);
    if (!kerned) memo.set(key, (kerned = shape(face, `${before} ${after}`, size, tracking)));
    return kerned.width - word(before).width - word(after).width;
  };
  const glyphs: PlacedGlyph[] = [];
  let x = 0;
  let width = 0;
  let last = "";
  for (const w of text.split(/\s+/)) {
    const shaped = w ? word(w) : undefined;
    // A word of characters the fonts lack draws nothing and takes no space.
    if (!shaped || shaped.glyphs.length === 0) continue;
    const chars = Array.from(w);
    if (glyphs.length > 0) x = width + gap(last, chars[0] ?? "");
    last = chars.at(-1) ?? "";
    for (const g of shaped.glyphs) glyphs.push({ ...g, x: x + g.x });
    width = x + shaped.width;
  }
  return { glyphs, width, scale: size / face.unitsPerEm };
}
