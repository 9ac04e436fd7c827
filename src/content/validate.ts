// Turns schema issues into problems that name the field, what was found and what is expected.
import type { z } from "zod";
import { nearMiss } from "./checks.ts";
import { describeValue, type Problem } from "./errors.ts";

/** Path of a field as an author would write it: `tags[2]`. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
}

/** One problem per schema issue, worded from `expectations` (keyed by top-level field, or `tag` for list items). */
export function issuesToProblems(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  data: Record<string, unknown>,
  expectations: Record<string, string>,
): Problem[] {
  return issues.map((issue) => {
    const top = String(issue.path[0] ?? "");
    const isItem = issue.path.length > 1 && top === "tags";
    // A nested field (`images.widths`, also for its items) has its own expectation when one is given.
    const nested = fieldName(issue.path.filter((key) => typeof key !== "number"));
    const expected = expectations[isItem ? "tag" : nested] ?? expectations[top] ?? issue.message;
    const found = issue.path.reduce<unknown>(
      (value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key],
      data,
    );
    const message =
      found === undefined ? `is required; expected ${expected}` : `expected ${expected}; got ${describeValue(found)}`;
    return { file, field: fieldName(issue.path), message };
  });
}

/** Warnings for fields the schema does not know, naming the closest known field when one is near. */
export function unknownFieldWarnings(file: string, data: Record<string, unknown>, known: readonly string[]): Problem[] {
  return Object.keys(data)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const near = nearMiss(key, known);
      const hint = near === undefined ? "" : `; did you mean "${near}"?`;
      return { file, field: key, message: `is not a known field and was ignored${hint}`, warning: true };
    });
}
