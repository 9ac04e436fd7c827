// Checks on one article beyond its schema: bounds on what a file may hold, text a later stage cannot
// carry, and hints that turn a typo into a fix.
import { closest, distance } from "fastest-levenshtein";
import { describeValue, type Problem } from "./errors.ts";
import type { Settings } from "./settings.ts";

/** Bounds on one article file; the tag count is a site setting (`maxTagsPerArticle`). */
export interface ContentLimits {
  /** Body size in bytes above which the build warns. Default 1 MB. */
  bodyWarnBytes: number;
  /** Body size in bytes above which the article is refused. Default 10 MB. */
  bodyMaxBytes: number;
}

/** The default bounds. */
export const contentLimits = { bodyWarnBytes: 1_000_000, bodyMaxBytes: 10_000_000 } satisfies ContentLimits;

/** Errors and warnings for a body or a tag list past the bounds. */
export function limitProblems(
  file: string,
  raw: Record<string, unknown>,
  body: string,
  settings: Pick<Settings, "maxTagsPerArticle">,
  limits: ContentLimits = contentLimits,
): Problem[] {
  const problems: Problem[] = [];
  if (Array.isArray(raw.tags) && raw.tags.length > settings.maxTagsPerArticle)
    problems.push({
      file,
      field: "tags",
      message: `has ${raw.tags.length} tags; at most ${settings.maxTagsPerArticle} are allowed (the site setting maxTagsPerArticle), keep the most telling ones`,
    });
  const bytes = Buffer.byteLength(body);
  const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;
  if (bytes > limits.bodyMaxBytes)
    problems.push({
      file,
      message: `the body is ${mb(bytes)}; at most ${mb(limits.bodyMaxBytes)} is allowed, split it`,
    });
  else if (bytes > limits.bodyWarnBytes)
    problems.push({
      file,
      warning: true,
      message: `the body is ${mb(bytes)}, more than ${mb(limits.bodyWarnBytes)}; pages this long are slow to read and to build`,
    });
  return problems;
}

const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

/** Errors for text with unpaired UTF-16 surrogates (`"\ud800"`), which no page, feed or index can carry. */
export function surrogateProblems(file: string, value: unknown, path = ""): Problem[] {
  if (typeof value === "string")
    // In a `u` regular expression a surrogate matches only when it is not half of a pair.
    return !LONE_SURROGATE.test(value)
      ? []
      : [
          {
            file,
            field: path,
            message: `holds an unpaired UTF-16 surrogate (an escape such as \\ud800 on its own); remove it; got ${describeValue(value.replace(LONE_SURROGATES, "\uFFFD"))}`,
          },
        ];
  if (Array.isArray(value)) return value.flatMap((item, i) => surrogateProblems(file, item, `${path}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([key, item]) => [
      ...(!LONE_SURROGATE.test(key)
        ? []
        : [{ file, message: "a field name holds an unpaired UTF-16 surrogate; remove it" }]),
      ...surrogateProblems(file, item, path === "" ? key : `${path}.${key}`),
    ]);
  return [];
}

/** Whether an unknown field name is close enough to a known one to be its misspelling. */
export function nearMiss(key: string, known: readonly string[]): string | undefined {
  const near = closest(key, known as string[]);
  return distance(key, near) <= Math.max(2, Math.floor(key.length / 3)) ? near : undefined;
}

/**
 * A required field reported missing while an unknown field is its near-miss (`tittle`) names both;
 * returns the unknown fields so named, whose own warning would only repeat it.
 */
export function nameMisspellings(
  problems: Problem[],
  data: Record<string, unknown>,
  known: readonly string[],
  lines: () => ReadonlyMap<string, number>,
): Set<string> {
  const named = new Set<string>();
  const unknown = Object.keys(data).filter((key) => !known.includes(key));
  for (const problem of problems) {
    if (problem.field === undefined || !problem.message.startsWith("is required")) continue;
    const typo = unknown.find((key) => nearMiss(key, known) === problem.field);
    if (typo === undefined) continue;
    const line = lines().get(typo);
    problem.message = `${problem.message}; "${typo}"${line === undefined ? "" : ` on line ${line}`} looks like a misspelling of it: rename ${typo} to ${problem.field}`;
    if (line !== undefined) problem.line = line;
    named.add(typo);
  }
  return named;
}

/** Fills in the line of each problem about a field whose line is known (`tags[3]`, else `tags`). */
export function locate(problems: readonly Problem[], lines: ReadonlyMap<string, number>): void {
  for (const problem of problems) {
    if (problem.line !== undefined || problem.field === undefined) continue;
    let field = problem.field;
    let line = lines.get(field);
    while (line === undefined && /[.[]/.test(field)) {
      field = field.replace(/(\[\d+\]|\.[^.[]+)$/, "");
      line = lines.get(field);
    }
    if (line !== undefined) problem.line = line;
  }
}
