// Line breaking of card text: greedy, at spaces, measured by the caller's width function, with an
// ellipsis when the text needs more lines than the card has.

const ELLIPSIS = "…";
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Greedy line breaking at spaces: at most `maxLines` lines no wider than `maxWidth` by `width`; a
 * word wider than a line is broken between characters; text that does not fit ends in an ellipsis.
 */
export function wrapText(
  text: string,
  width: (text: string) => number,
  maxWidth: number,
  maxLines: number,
): { lines: string[]; truncated: boolean } {
  const fits = (line: string) => width(line) <= maxWidth;
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => (fits(word) ? [word] : breakWord(word, fits)));
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && fits(`${last} ${word}`)) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, Math.max(1, maxLines));
  let last = kept.pop() ?? "";
  // Drop whole words, then characters, until the line and its ellipsis fit.
  while (last && !fits(`${last}${ELLIPSIS}`)) {
    const cut = last.lastIndexOf(" ");
    last =
      cut > 0
        ? last.slice(0, cut)
        : [...graphemes.segment(last)]
            .slice(0, -1)
            .map((s) => s.segment)
            .join("");
  }
  return { lines: [...kept, `${last.replace(/[\s,;:.\-–—]+$/, "")}${ELLIPSIS}`], truncated: true };
}

/** Pieces of a word too wide for a line, each as long as fits (at least one character). */
function breakWord(word: string, fits: (text: string) => boolean): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const { segment } of graphemes.segment(word)) {
    if (piece && !fits(piece + segment)) {
      pieces.push(piece);
      piece = "";
    }
    piece += segment;
  }
  return piece ? [...pieces, piece] : pieces;
}
