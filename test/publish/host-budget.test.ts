// The host budget: the verdict against each host's limits.
import { describe, expect, it } from "vitest";
import { budgetMessage, checkHostBudget, HostBudgetError, hostBudget } from "../../src/publish/host-budget.ts";
import { tallyOutput } from "../../src/publish/output-tally.ts";

const MiB = 1024 * 1024;

/** An output of `files` files of `bytes` bytes each, all pages in one folder unless `folders` says more. */
function output(files: number, bytes: number, folders = 1): [string, number][] {
  return Array.from({ length: files }, (_, i) => [`f${i % folders}/p${i}.html`, bytes]);
}

describe("hostBudget", () => {
  it.each([
    // GitHub Pages: 1 GB of site.
    { host: "github-pages", files: 100, bytes: 7 * MiB, level: "ok" }, // 700 MB, 68%
    { host: "github-pages", files: 100, bytes: 8.2 * MiB, level: "warn" }, // 820 MB, 80%
    { host: "github-pages", files: 100, bytes: 10.3 * MiB, level: "fail" }, // 1,030 MB
    // Cloudflare Pages, Free plan: 20,000 files.
    { host: "cloudflare-pages", files: 15_999, bytes: 1, level: "ok" },
    { host: "cloudflare-pages", files: 16_000, bytes: 1, level: "warn" },
    { host: "cloudflare-pages", files: 20_000, bytes: 1, level: "warn" },
    { host: "cloudflare-pages", files: 20_001, bytes: 1, level: "fail" },
    // Netlify: 54,000 files in one folder.
    { host: "netlify", files: 60_000, bytes: 1, folders: 2, level: "ok" },
    { host: "netlify", files: 54_001, bytes: 1, level: "fail" },
    { host: "none", files: 200_000, bytes: 1, level: "ok" },
  ] as const)("$host, $files files of $bytes bytes: $level", ({ host, files, bytes, level, ...rest }) => {
    const folders = "folders" in rest ? rest.folders : 1;
    expect(hostBudget(host, tallyOutput(output(files, Math.round(bytes), folders))).level).toBe(level);
  });

  it("fails a Cloudflare site on one file over 25 MiB, naming the file", () => {
    const verdict = hostBudget("cloudflare-pages", tallyOutput([["media/film.mp4", 26 * MiB]]));
    expect(verdict.level).toBe("fail");
    expect(verdict.problems).toEqual([
      "largest file: 26 MB is over Cloudflare Pages (Free plan)'s limit of 25 MB; taken by media/film.mp4",
    ]);
  });

  it("only warns past a limit when allowOverBudget is set", () => {
    const tally = tallyOutput(output(20_001, 1));
    expect(hostBudget("cloudflare-pages", tally, { allowOverBudget: true }).level).toBe("warn");
  });

  it("names what takes the room, largest first, with each kind's share", () => {
    const tally = tallyOutput([
      ["index.html", 300 * MiB],
      ["media/a-0123456789.png", 600 * MiB],
      ["pagefind/x", 130 * MiB],
    ]);
    const verdict = hostBudget("github-pages", tally);
    expect(verdict.lines).toEqual(["GitHub Pages: site size 1,030 MB of 1,024 MB (101%)"]);
    expect(verdict.problems).toEqual([
      "site size: 1,030 MB is over GitHub Pages's limit of 1,024 MB; taken by cards 600 MB (58%), pages 300 MB (29%), search 130 MB (13%)",
    ]);
  });

  it("reports nothing for host none", () => {
    expect(hostBudget("none", tallyOutput(output(3, 1)))).toEqual({ level: "ok", lines: [], problems: [] });
  });
});

describe("checkHostBudget", () => {
  it("throws an author-facing error naming the settings file, the field and the limit's source", () => {
    const files = output(20_001, 1);
    expect(() =>
      checkHostBudget({ host: "cloudflare-pages", allowOverBudget: false }, files, "content/_data/site.json"),
    ).toThrowErrorMatchingInlineSnapshot(`
      [HostBudgetError: content/_data/site.json: 2 problems
        host: files: 20,001 is over Cloudflare Pages (Free plan)'s limit of 20,000; taken by pages 20,001 (100%)
        host: Make the output smaller (socialCards or search off, fewer images), set host to where the site is deployed, or set allowOverBudget to build anyway. Paid plans allow 100,000 files (with PAGES_WRANGLER_MAJOR_VERSION=4); on one, set allowOverBudget. Limits: https://developers.cloudflare.com/pages/platform/limits/
        See docs/benchmark.md#host-budget]
    `);
  });

  it("returns the verdict when the output fits", () => {
    const verdict = checkHostBudget({ host: "github-pages", allowOverBudget: false }, output(2, 10), "site.json");
    expect(verdict).toEqual({ level: "ok", lines: ["GitHub Pages: site size 0 MB of 1,024 MB (0%)"], problems: [] });
  });

  it("is a HostBudgetError, which the CLI prints without a stack trace", () => {
    const files = output(54_001, 1);
    const fail = () => checkHostBudget({ host: "netlify", allowOverBudget: false }, files, "site.json");
    expect(fail).toThrow(HostBudgetError);
    expect(budgetMessage("netlify", hostBudget("netlify", tallyOutput(files)), "site.json")).toContain(
      "files in one folder: 54,001 is over Netlify's limit of 54,000; taken by f0/",
    );
  });
});
