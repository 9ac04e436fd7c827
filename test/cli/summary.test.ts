// The lines a finished build prints.
import { describe, expect, it } from "vitest";
import type { BuildSummary } from "../../src/build/production.ts";
import { counted, leftOutLine, summaryLines } from "../../src/cli/summary.ts";

describe("leftOutLine", () => {
  it.each([
    [0, 0, undefined],
    [1, 0, "1 draft left out; `--future` to preview it"],
    [0, 1, "1 scheduled item left out; `--future` to preview it"],
    [2, 1, "2 drafts and 1 scheduled item left out; `--future` to preview them"],
    [1, 3, "1 draft and 3 scheduled items left out; `--future` to preview them"],
    [1200, 0, "1,200 drafts left out; `--future` to preview them"],
  ])("%i drafts, %i scheduled → %s", (drafts, scheduled, expected) => {
    expect(leftOutLine(drafts, scheduled)).toBe(expected);
  });
});

describe("counted", () => {
  it.each([
    [0, "0 files"],
    [1, "1 file"],
    [2, "2 files"],
    [10000, "10,000 files"],
  ])("%i → %s", (count, expected) => {
    expect(counted(count, "file")).toBe(expected);
  });
});

const summary: BuildSummary = {
  articles: 27,
  pages: 259,
  rendered: 168,
  written: 259,
  markdown: 27,
  images: { processed: 0, cached: 0, seconds: 0, cpuSeconds: 0 },
  heldBack: [{ file: "content/articles/later.md", date: "2030-01-01T09:00:00.000Z" }],
  drafts: 2,
  tags: 25,
  sources: 6,
  search: { files: 36, bytes: 259_000 },
  budget: { level: "warn", lines: ["Host github-pages: 850 MB of 1,024 MB (83%)"], problems: ["media takes 600 MB"] },
  seconds: 2.934,
};

describe("summaryLines", () => {
  it("says what was built, and counts the drafts and scheduled items left out", () => {
    expect(summaryLines(summary, "dist", false)).toEqual([
      "Held back until its time: content/articles/later.md (2030-01-01T09:00:00.000Z)",
      "Built 27 articles, 25 tags, 6 sources: 259 files (168 pages rendered, 259 files written) in 2.93 s; search index: 253 KB in 36 files",
      "2 drafts and 1 scheduled item left out; `--future` to preview them",
      "Host github-pages: 850 MB of 1,024 MB (83%)",
      "Warning: media takes 600 MB",
    ]);
  });

  it("says a preview is not for publishing, and left nothing out", () => {
    const lines = summaryLines({ ...summary, heldBack: [], drafts: 0 }, ".preview", true);
    expect(lines.at(-1)).toBe("A preview with drafts and scheduled items: .preview is not for publishing.");
    expect(lines.join("\n")).not.toContain("left out");
  });

  it("names a site without search", () => {
    expect(summaryLines({ ...summary, search: { files: 0, bytes: 0 } }, "dist", false)[1]).toMatch(
      /; no search index \(search is off\)$/,
    );
  });
});
