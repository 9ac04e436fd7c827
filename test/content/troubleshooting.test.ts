// The troubleshooting guide shows, for each mistake, a file and what `npm run check` prints for it:
// each file is written into a fixture site and run through the check path, and the lines must match.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cases, check, TROUBLESHOOTING_DOC } from "../helpers/troubleshooting.ts";

const all = cases(readFileSync(TROUBLESHOOTING_DOC, "utf8"));

describe("troubleshooting guide", () => {
  it("lists the mistakes authors make", () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
  });

  it.each(all.map((c) => [c.title, c] as const))("%s", async (_title, c) => {
    expect(await check(c.file)).toBe(c.printed);
  });
});
