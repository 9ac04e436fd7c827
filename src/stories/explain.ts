// Why an item is in its story: every candidate it was compared with, the score, and the shared terms
// that made it. Printed by `npm run stories:explain -- <file>`.
import { candidatePairs, type DetectOptions, detectDefaults, type StoryItem } from "./detect.ts";
import { detectStories } from "./stories.ts";
import { sharedTerms } from "./vectors.ts";

/** Terms listed per candidate. */
const TERMS_SHOWN = 6;

/** One comparison of the explained item with another. */
export interface Comparison {
  index: number;
  /** "earlier" when the explained item was compared with it; "later" when it was compared with the explained one. */
  direction: "earlier" | "later";
  cosine: number;
  score: number;
  linked: boolean;
  /** The shared terms contributing most to the cosine, with their share. */
  terms: [string, number][];
}

/** The story an item ended in and every comparison that could have put it there. */
export interface Explanation {
  story?: { id: string; members: number[]; lead: number } | undefined;
  comparisons: Comparison[];
  options: DetectOptions;
}

/** Explains item `index` of `items` under the given detection options. */
export function explainItem(
  items: readonly StoryItem[],
  index: number,
  options: Partial<DetectOptions> = {},
): Explanation {
  const settings = { ...detectDefaults, ...options };
  const { candidates, vectors } = candidatePairs(items, settings);
  const { stories, storyOf } = detectStories(items, settings);
  const at = storyOf[index] ?? -1;
  const story = at >= 0 ? stories[at] : undefined;
  const compare = (
    from: number,
    to: number,
    direction: Comparison["direction"],
    c: { cosine: number; score: number },
  ) => {
    const [a, b] = [vectors.vectors[from], vectors.vectors[to]];
    return {
      index: direction === "earlier" ? to : from,
      direction,
      cosine: c.cosine,
      score: c.score,
      linked: c.score >= settings.threshold,
      terms: a && b ? sharedTerms(a, b, vectors.vocabulary).slice(0, TERMS_SHOWN) : [],
    };
  };
  const comparisons: Comparison[] = (candidates[index] ?? []).map((c) => compare(index, c.index, "earlier", c));
  candidates.forEach((list, k) => {
    const c = list.find((x) => x.index === index);
    if (c) comparisons.push(compare(k, index, "later", c));
  });
  comparisons.sort((a, b) => b.score - a.score || a.index - b.index);
  return { story, comparisons, options: settings };
}

/** The explanation as text lines, items named by `name`. */
export function explanationLines(e: Explanation, name: (index: number) => string): string[] {
  const o = e.options;
  const lines = [
    e.story
      ? `In story "${e.story.id}" (${e.story.members.length} reports, led by ${name(e.story.lead)}).`
      : "Not in any story.",
    `Method: ${o.method}, a pair links at score ≥ ${o.threshold}; score = cosine / (1 + days apart / ${o.timeScaleDays})` +
      ` × ${o.sameSourceFactor} when both are from one outlet; compared only within ${o.windowDays} days and with ≥ ${o.minShared} shared terms.`,
  ];
  if (e.comparisons.length === 0) lines.push("No candidates: no other item within the window shares enough terms.");
  for (const c of e.comparisons) {
    lines.push(
      `  ${c.score.toFixed(3)} ${c.linked ? "linked " : "too low"} ${c.direction === "earlier" ? "←" : "→"} ${name(c.index)} (cosine ${c.cosine.toFixed(3)})`,
      `      shared: ${c.terms.map(([t, w]) => `${t} ${w.toFixed(3)}`).join(", ")}`,
    );
  }
  return lines;
}
