// Splits a Markdown file into YAML front matter and body, with errors an author can act on.
// Two YAML libraries, each for what it does best: js-yaml reads the values (fast: about 10 µs a file
// against 90 µs, which is a second of CPU at 10,000 articles; and the values stay exactly as before),
// and `yaml`, whose nodes keep their positions, is asked only when something must be pointed at: a
// syntax error, an alias or merge key, or the line of a field that has a problem.
import { CORE_SCHEMA, load, YAMLException } from "js-yaml";
import { quoteMistakes } from "./quote-mistakes.ts";
import { positionedProblems, positions, type SplitProblem } from "./yaml-positions.ts";

export type { SplitProblem };

/** A file split into its parts, or the reasons it could not be. */
export type SplitResult =
  | {
      ok: true;
      data: Record<string, unknown>;
      body: string;
      bodyLine: number;
      /** Each field's line in the file (`title`, `tags[2]`, `corrections[0].date`), worked out on first use. */
      lines: () => ReadonlyMap<string, number>;
    }
  | { ok: false; message: string; line?: number; problems: SplitProblem[] };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes UTF-8 bytes, dropping a byte-order mark and turning CRLF into LF; null if not UTF-8. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    return utf8
      .decode(bytes)
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n");
  } catch {
    return null;
  }
}

/** A file cut into its front matter text and its body, before any YAML is read. */
export type Parts =
  | { ok: true; yaml: string; body: string; bodyLine: number }
  | { ok: false; message: string; line?: number };

/** Cuts the `---` front matter off the Markdown body. */
export function splitParts(text: string): Parts {
  const lines = text.split("\n");
  if (lines[0]?.trimEnd() !== "---") {
    return {
      ok: false,
      message: "the file does not start with front matter; expected a first line of three dashes (---)",
      line: 1,
    };
  }
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end === -1) {
    return { ok: false, message: "the front matter is never closed; expected a line of three dashes (---) after it" };
  }
  return { ok: true, yaml: lines.slice(1, end).join("\n"), body: lines.slice(end + 1).join("\n"), bodyLine: end + 2 };
}

function failed(problems: SplitProblem[]): SplitResult {
  const first = problems[0] ?? { message: "front matter could not be read" };
  return { ok: false, message: first.message, ...(first.line === undefined ? {} : { line: first.line }), problems };
}

/**
 * Splits `---` front matter from the Markdown body and parses it as YAML 1.2 core schema (dates stay
 * strings, `yes` is a string). Aliases and merge keys are refused, so no small file can expand into a
 * huge value. `lines` maps each field (`title`, `tags[2]`, `corrections[0].date`) to its line in the file.
 */
export function splitFrontMatter(text: string): SplitResult {
  const parts = splitParts(text);
  if (!parts.ok) return failed([{ message: parts.message, ...(parts.line === undefined ? {} : { line: parts.line }) }]);
  // The front matter starts on the file's second line.
  const quotes = quoteMistakes(parts.yaml, 2);
  if (quotes.length > 0) return failed(quotes);
  let data: unknown;
  let syntax: YAMLException | undefined;
  try {
    // The core schema keeps `2025-08-15` a string, so dates are read once, in the site's zone.
    data = load(parts.yaml, { schema: CORE_SCHEMA }) ?? {};
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    syntax = error;
  }
  // Only a file with a syntax error or a character that may start an alias or a merge key needs the slow look.
  if (syntax !== undefined || /[&*]|<</.test(parts.yaml)) {
    const found = positionedProblems(parts.yaml);
    if (found.length > 0) return failed(found);
    if (syntax !== undefined)
      return failed([{ message: `the front matter is not valid YAML: ${syntax.reason}`, line: syntax.mark.line + 2 }]);
  }
  if (typeof data !== "object" || Array.isArray(data) || data === null) {
    return failed([{ message: "the front matter must be a set of `field: value` lines", line: 2 }]);
  }
  let lines: Map<string, number> | undefined;
  // The closure holds the front matter alone: holding `parts` would keep the whole body alive as long
  // as the parse is remembered (55 MB at 10,000 articles).
  const yaml = parts.yaml;
  return {
    ok: true,
    data: data as Record<string, unknown>,
    body: parts.body,
    bodyLine: parts.bodyLine,
    lines: () => (lines ??= positions(yaml)),
  };
}
