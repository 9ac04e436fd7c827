// The README's promises that can drift: the sample build's summary lines, the messages of its
// troubleshooting section, and its length (a newcomer's page, with the details in docs/).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summaryLines } from "../src/cli/summary.ts";
import { buildSampleSite, type SampleSite } from "./helpers/sample-site.ts";
import { cases, check, TROUBLESHOOTING_DOC } from "./helpers/troubleshooting.ts";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The text between `<!-- name: … -->` and the next `<!-- /name -->` (or the block right after the marker). */
function marked(name: string): string {
  const start = README.indexOf(`<!-- ${name}:`);
  if (start < 0) throw new Error(`README.md has no <!-- ${name}: --> marker`);
  const end = README.indexOf(`<!-- /${name} -->`, start);
  return README.slice(start, end < 0 ? undefined : end);
}

/** Times vary from run to run: "in 3.22 s" and "CPU 1.31 s" become "in N s", "CPU N s". */
const timeless = (text: string) => text.replace(/\d+\.\d+ s\b/g, "N s");

describe("README.md", () => {
  let site: SampleSite;
  beforeAll(async () => {
    site = await buildSampleSite();
  });
  afterAll(() => site?.remove());

  it("shows the summary lines a fresh build of the sample site prints", () => {
    const block = /```\n([\s\S]*?)```/.exec(marked("sample-summary"))?.[1] ?? "";
    expect(timeless(block.trim())).toBe(timeless(summaryLines(site.summary, "dist", false).join("\n")));
  });

  it.each(cases(readFileSync(TROUBLESHOOTING_DOC, "utf8")).map((c) => [c.title, c] as const))(
    "shows what the check prints for: %s",
    async (_title, c) => {
      const section = marked("troubleshooting");
      const problems = (await check(c.file))
        .split("\n")
        .filter((line) => line.startsWith("  ") && !line.trim().startsWith("See "))
        .map((line) => line.trim());
      expect(problems.length).toBeGreaterThan(0);
      for (const line of problems) expect(section).toContain(line);
    },
  );

  it("stays a page a newcomer reads: at most 250 lines", () => {
    expect(README.split("\n").length).toBeLessThanOrEqual(250);
  });
});
