// Reading a build's summary back: pinned to the lines src/cli/summary.ts really prints, so a change of
// format shows here instead of as "?" in the benchmark's table.
import { describe, expect, it } from "vitest";
import type { BuildSummary } from "../../src/build/production.ts";
import { summaryLines } from "../../src/cli/summary.ts";
import { budgetLines, builtCounts } from "./build-line.ts";

const summary = (files: number, rendered: number, written: number): BuildSummary => ({
  articles: 100_000,
  pages: files,
  rendered,
  written,
  markdown: 0,
  images: { processed: 0, cached: 0, seconds: 0, cpuSeconds: 0 },
  heldBack: [],
  drafts: 0,
  tags: 400,
  sources: 25,
  search: { files: 10, bytes: 2048 },
  budget: {
    level: "warn",
    lines: ["GitHub Pages: site size 4,900 MB of 1,024 MB (479%)", "Other Host: 1 of 2 (50%)"],
    problems: [],
  },
  seconds: 1,
});
const printed = (s: BuildSummary) => summaryLines(s, "dist", false).join("\n");

describe("builtCounts", () => {
  it.each([
    { name: "small counts", files: 259, rendered: 168, written: 1 },
    { name: "thousands separators (the '? written' of the benchmark's table)", files: 35_226, rendered: 1, written: 9 },
    { name: "100,000 articles", files: 352_260, rendered: 152_345, written: 12_345 },
    { name: "one file", files: 1, rendered: 1, written: 1 },
  ])("$name", ({ files, rendered, written }) => {
    expect(builtCounts(printed(summary(files, rendered, written)))).toEqual({ files, rendered, written });
  });

  it("is undefined without a summary line", () => {
    expect(builtCounts("Error: something failed\n")).toBeUndefined();
  });
});

describe("budgetLines", () => {
  it("gives the named host's line without its label", () => {
    expect(budgetLines(printed(summary(1, 1, 1)), "GitHub Pages")).toBe("site size 4,900 MB of 1,024 MB (479%)");
  });

  it("is undefined when the build printed none", () => {
    expect(budgetLines(printed(summary(1, 1, 1)), "Netlify")).toBeUndefined();
  });
});
