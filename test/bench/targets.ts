// The targets of issue 15 for the default site (social cards and search on), by site size, and how
// `npm run bench` prints a figure beside its target.

/** A figure's target at each size; a size without one has none. */
type Target = Partial<Record<1000 | 10000 | 100000, number>>;

/** Issue 15's targets: default settings, the 2-core reference machine, cold unless said. */
export const targets = {
  /** Full build from scratch, wall seconds. */
  fullBuildSeconds: { 1000: 5, 10000: 40, 100000: 480 },
  /** Peak memory of the whole process tree (Pagefind included), MB. */
  peakMb: { 1000: 500, 10000: 1536, 100000: 6144 },
  /** Rebuild after one body edit with `.cache` kept, wall seconds. */
  bodyEditSeconds: { 1000: 1.5, 10000: 5, 100000: 30 },
  /** Dev server: an edit until its page is written, ms. */
  devEditMs: { 1000: 300, 10000: 1000, 100000: 3000 },
  /** Dev server: an edit until search finds its new text, seconds. */
  devSearchSeconds: { 10000: 10, 100000: 30 },
  /** Output size, MB. */
  outputMb: { 10000: 600 },
} satisfies Record<string, Target>;

/** `text` followed by the target at `size` (" (≤ 40)"), and a mark when `value` misses it. */
export function beside(text: string, value: number, target: Target, size: number): string {
  const limit = target[size as keyof Target];
  if (limit === undefined) return text;
  return `${text} (≤ ${limit.toLocaleString("en-US")}${value > limit ? ", missed" : ""})`;
}
