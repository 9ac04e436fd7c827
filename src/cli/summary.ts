// The lines a build prints when it finishes: what was built, what was left out and why.
import type { BuildSummary } from "../build/production.ts";

/** "1 draft" or "2 drafts": a count and a noun, in the singular only for one. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : plural}`;
}

/** "2 drafts and 1 scheduled item left out; `--future` to preview them", or nothing when none was. */
export function leftOutLine(drafts: number, scheduled: number): string | undefined {
  const parts = [
    drafts > 0 ? counted(drafts, "draft") : "",
    scheduled > 0 ? counted(scheduled, "scheduled item") : "",
  ].filter(Boolean);
  if (parts.length === 0) return undefined;
  const them = drafts + scheduled === 1 ? "it" : "them";
  return `${parts.join(" and ")} left out; \`--future\` to preview ${them}`;
}

/** Every line of a finished build's summary, the last one saying what was built where. */
export function summaryLines(s: BuildSummary, output: string, preview: boolean): string[] {
  const lines = s.heldBack.map((held) => `Held back until its time: ${held.file} (${held.date})`);
  const { processed, cached, seconds, cpuSeconds } = s.images;
  if (processed + cached > 0)
    lines.push(
      `Images: ${processed} processed, ${cached} from cache, in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s)`,
    );
  const kb = Math.ceil(s.search.bytes / 1024).toLocaleString("en-US");
  const search =
    s.search.files === 0
      ? "no search index (search is off)"
      : `search index: ${kb} KB in ${counted(s.search.files, "file")}`;
  lines.push(
    `Built ${counted(s.articles, "article")}, ${counted(s.tags, "tag")}, ${counted(s.sources, "source")}: ` +
      `${counted(s.pages, "file")} (${s.rendered} pages rendered, ${s.written} files written) in ${s.seconds.toFixed(2)} s; ${search}`,
  );
  const leftOut = preview ? undefined : leftOutLine(s.drafts, s.heldBack.length);
  if (leftOut) lines.push(leftOut);
  // The output against the host's limits, and a warning near (or, when allowed, past) one.
  lines.push(...s.budget.lines, ...s.budget.problems.map((problem) => `Warning: ${problem}`));
  if (preview) lines.push(`A preview with drafts and scheduled items: ${output} is not for publishing.`);
  return lines;
}
