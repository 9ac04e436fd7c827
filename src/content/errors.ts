// The errors an author or editor can cause, and the one format they are reported in.

/** Where the front matter reference lives; every article error links to it. */
export const FRONT_MATTER_HELP = "README.md#front-matter";
/** Where the site settings are described; settings errors link to it. */
export const SETTINGS_HELP = "README.md#site-settings";

/** One thing wrong with one file. */
export interface Problem {
  /** Path of the file, relative to the project root. */
  file: string;
  /** The field at fault (`title`, `tags[2]`), when the problem is about one field. */
  field?: string;
  /** What was found and what is expected, as a sentence. */
  message: string;
  /** 1-based line in the file, only when it is really known. */
  line?: number;
  /** True for a warning: reported, but the build goes on. */
  warning?: boolean;
}

/** Base of every error Broadsheet raises on purpose; Eleventy prints it without a stack trace. */
export class DigestError extends Error {
  override name = "DigestError";
  // Read by Eleventy's error handler: an author's mistake needs no stack trace.
  readonly skipOriginalStack = true;
}

/** One or more content files (or the site settings) are wrong; carries every problem at once. */
export class ContentError extends DigestError {
  override name = "ContentError";
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[], help = FRONT_MATTER_HELP) {
    super(formatProblems(problems, help));
    this.problems = problems;
  }
}

/** Formats problems grouped by file, one block per file, in the order they were found. */
export function formatProblems(problems: readonly Problem[], help = FRONT_MATTER_HELP): string {
  const byFile = new Map<string, Problem[]>();
  for (const problem of problems) {
    const list = byFile.get(problem.file) ?? [];
    list.push(problem);
    byFile.set(problem.file, list);
  }
  const blocks: string[] = [];
  for (const [file, list] of byFile) {
    const lines = list.map((p) => {
      const where = p.line === undefined ? "" : `line ${p.line}: `;
      return `  ${where}${p.warning ? "warning: " : ""}${p.field === undefined ? "" : `${p.field}: `}${p.message}`;
    });
    blocks.push([`${file}: ${headingFor(list)}`, ...lines, `  See ${help}`].join("\n"));
  }
  return blocks.join("\n\n");
}

// Warnings are counted apart: "1 warning" must not read like a failure.
function headingFor(list: readonly Problem[]): string {
  const warnings = list.filter((p) => p.warning).length;
  const errors = list.length - warnings;
  const counts = [
    errors === 0 ? "" : errors === 1 ? "1 problem" : `${errors} problems`,
    warnings === 0 ? "" : warnings === 1 ? "1 warning" : `${warnings} warnings`,
  ];
  return counts.filter((c) => c !== "").join(", ");
}

/** Longest stretch of an author's value quoted in a message; longer values are cut with `…`. */
export const QUOTED_MAX = 80;

function cut(text: string): string {
  const chars = [...text];
  return chars.length > QUOTED_MAX ? `${chars.slice(0, QUOTED_MAX).join("")}…` : text;
}

/** Shows a found value the way an author wrote it: strings quoted, the rest as YAML-ish JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(cut(value));
  if (Array.isArray(value)) return `a list (${cut(JSON.stringify(value))})`;
  if (value !== null && typeof value === "object") return `an object (${cut(JSON.stringify(value))})`;
  return String(value);
}
