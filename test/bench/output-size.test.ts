// The benchmark's output rows: sizes by kind and each host's budget for one tally.
import { describe, expect, it } from "vitest";
import { tallyOutput } from "../../src/publish/output-tally.ts";
import { budgetsByHost, describeOutput } from "./output-size.ts";

const MiB = 1024 * 1024;
// A site like 100,000 articles': 60,000 cards in one folder, pages, and one large sitemap.
const files: [string, number][] = [
  ...Array.from({ length: 60_000 }, (_, i) => [`media/card-${i}-0123456789.png`, 20_000] as [string, number]),
  ...Array.from({ length: 1_000 }, (_, i) => [`2025/01/01/a${i}/index.html`, 18_000] as [string, number]),
  ["sitemap.xml", 30 * MiB],
];
const tally = tallyOutput(files);

describe("budgetsByHost", () => {
  it("judges the output against every known host, whatever the site names", () => {
    expect(budgetsByHost(tally)).toEqual({
      "GitHub Pages": "site size 1,192 MB of 1,024 MB (116%)",
      "Cloudflare Pages (Free plan)": "files 61,001 of 20,000 (305%); largest file 30 MB of 25 MB (120%)",
      Netlify: "files in one folder 60,000 of 54,000 (111%)",
    });
  });

  it("reports an empty output as 0% everywhere", () => {
    expect(Object.values(budgetsByHost(tallyOutput([])))).toEqual([
      "site size 0 MB of 1,024 MB (0%)",
      "files 0 of 20,000 (0%); largest file 0 MB of 25 MB (0%)",
      "files in one folder 0 of 54,000 (0%)",
    ]);
  });
});

describe("describeOutput", () => {
  it("counts files and MB for one kind and for the whole", () => {
    expect(describeOutput(tally, "cards")).toBe("60,000 files, 1144.4 MB");
    expect(describeOutput(tally)).toBe("61,001 files, 1191.6 MB");
  });
});
