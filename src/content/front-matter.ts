// Splits a Markdown file into YAML front matter and body, with errors an author can act on.
import { CORE_SCHEMA, load, YAMLException } from "js-yaml";

/** A file split into its parts, or the reason it could not be. */
export type SplitResult =
  | { ok: true; data: Record<string, unknown>; body: string; bodyLine: number }
  | { ok: false; message: string; line?: number };

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

/** Splits `---` front matter from the Markdown body and parses it as YAML 1.2 (dates stay strings). */
export function splitFrontMatter(text: string): SplitResult {
  const parts = splitParts(text);
  if (!parts.ok) return parts;
  let data: unknown;
  try {
    // The core schema keeps `2025-08-15` a string, so dates are read once, in the site's zone.
    data = load(parts.yaml, { schema: CORE_SCHEMA }) ?? {};
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    // js-yaml counts lines from 0 within the front matter, which starts on the file's line 2.
    return { ok: false, message: `the front matter is not valid YAML: ${error.reason}`, line: error.mark.line + 2 };
  }
  if (typeof data !== "object" || Array.isArray(data) || data === null) {
    return { ok: false, message: "the front matter must be a set of `field: value` lines", line: 2 };
  }
  return { ok: true, data: data as Record<string, unknown>, body: parts.body, bodyLine: parts.bodyLine };
}
