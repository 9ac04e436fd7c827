// What `npm run bench` reads back from a build's printed summary: the files written, and the host budget lines.

/** The counts of a build's "Built …: N files (R pages rendered, W files written)" line, or undefined without one. */
export function builtCounts(stdout: string): { files: number; rendered: number; written: number } | undefined {
  // Counts are printed with thousands separators ("35,226 files") from 1,000 on.
  const match = /: ([\d,]+) files? \(([\d,]+) pages rendered, ([\d,]+) files? written\)/.exec(stdout);
  if (!match) return undefined;
  const count = (text: string | undefined) => Number(text?.replaceAll(",", ""));
  return { files: count(match[1]), rendered: count(match[2]), written: count(match[3]) };
}

/** The host budget lines a build printed for `label` ("GitHub Pages"), without the label, joined by "; ". */
export function budgetLines(stdout: string, label: string): string | undefined {
  const lines = stdout.split("\n").filter((line) => line.startsWith(`${label}: `));
  return lines.length === 0 ? undefined : lines.map((line) => line.slice(label.length + 2)).join("; ");
}
