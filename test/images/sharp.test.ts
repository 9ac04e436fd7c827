// sharp is loaded only when an image is read, cropped or encoded (src/images/sharp.ts): a build whose
// cards are all generated never maps libvips.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { articleFile, fixtureSettings, makeSite } from "../helpers/fixture.ts";

vi.setConfig({ testTimeout: 60_000 });

const RUN = new URL("../../src/cli/run.js", import.meta.url).pathname;
// Said when the process ends: whether sharp's own code was ever loaded (CommonJS, so in require's cache).
const PROBE = `data:text/javascript,${encodeURIComponent(`import { createRequire } from "node:module";
const cache = createRequire(process.cwd() + "/probe.js").cache;
process.on("exit", () => console.log("SHARP " + Object.keys(cache).some((p) => p.includes("/node_modules/sharp/"))));`)}`;

const sites: { remove: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.remove();
});

/** Builds a site of `files` with generated cards in a child process; whether it loaded sharp. */
async function loadsSharp(files: Record<string, string | Uint8Array>): Promise<boolean> {
  const site = await makeSite(files, { ...fixtureSettings, socialCards: true });
  sites.push(site);
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", PROBE, RUN, "build"], {
    cwd: site.root,
  });
  expect(await site.page("/index.html")).toContain("Harbour");
  return /SHARP true/.test(stdout);
}

const article = (extra: Record<string, unknown> = {}, body?: string) =>
  articleFile(
    {
      title: "Harbour ferry returns",
      date: "2026-11-20T09:00:00Z",
      source: "Northbridge Courier",
      sourceUrl: "https://courier.example/ferry",
      ...extra,
    },
    body,
  );

describe("loadSharp", () => {
  it("leaves sharp unloaded in a build whose cards are all generated", async () => {
    expect(await loadsSharp({ "2026/11/ferry.md": article() })).toBe(false);
  });

  it("loads it for the first image an article shows", async () => {
    const photo = await readFile(new URL("../../content/articles/2026/11/harbour-bridge.jpg", import.meta.url));
    const body = "![The harbour at dawn](./harbour.jpg)\n\nThe ferry sailed at nine.";
    expect(await loadsSharp({ "2026/11/ferry.md": article({}, body), "2026/11/harbour.jpg": photo })).toBe(true);
  });
});
