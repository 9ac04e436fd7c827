// The output tally: each output file's kind, and files and bytes counted by kind.
import { describe, expect, it } from "vitest";
import { outputKind, tallyOutput } from "../../src/publish/output-tally.ts";

describe("outputKind", () => {
  it.each([
    ["index.html", "pages"],
    ["2026/11/24/harbour-bridge/index.html", "pages"],
    ["search/index.html", "pages"],
    ["feeds/tags/harbour.xml", "feeds"],
    ["feeds/site.json", "feeds"],
    ["sitemap.xml", "feeds"],
    ["pagefind/fragment/en_3f2a9c1.pf_fragment", "search"],
    ["pagefind/pagefind-entry.json", "search"],
    ["media/harbour-bridge-3f2a9c1d0b.png", "cards"],
    ["media/quayside-3f2a9c1d0b-card.jpg", "cards"],
    ["media/quayside-3f2a9c1d0b-800.avif", "media"],
    ["media/chart.png", "media"],
    ["assets/site-1a2b3c.css", "other"],
    ["_headers", "other"],
  ])("%s is %s", (path, kind) => {
    expect(outputKind(path)).toBe(kind);
  });
});

describe("tallyOutput", () => {
  it("counts nothing in an empty output", () => {
    expect(tallyOutput([])).toMatchObject({ total: { files: 0, bytes: 0 }, largestFile: null, fullestFolder: null });
  });

  it("sums files and bytes by kind, and finds the largest file and the fullest folder", () => {
    const tally = tallyOutput([
      ["index.html", 100],
      ["a/index.html", 200],
      ["media/x-0123456789.png", 5000],
      ["pagefind/fragment/1", 10],
      ["pagefind/fragment/2", 10],
      ["pagefind/fragment/3", 10],
    ]);
    expect(tally.kinds.pages).toEqual({ files: 2, bytes: 300 });
    expect(tally.kinds.cards).toEqual({ files: 1, bytes: 5000 });
    expect(tally.kinds.search).toEqual({ files: 3, bytes: 30 });
    expect(tally.total).toEqual({ files: 6, bytes: 5330 });
    expect(tally.largestFile).toEqual({ path: "media/x-0123456789.png", bytes: 5000 });
    expect(tally.fullestFolder).toEqual({ path: "pagefind/fragment", files: 3 });
  });
});
