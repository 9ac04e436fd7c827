// Integration: a dev server started over a site that a production build made starts from the build's
// caches (no body rendered again) and leaves them exactly as they were.
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import MarkdownIt from "markdown-it";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { startDevServer } from "../../src/build/dev-server.ts";
import { build } from "../../src/build/production.ts";
import { devFiles, startOnSite } from "../helpers/dev-server.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

let site: Awaited<ReturnType<typeof makeSite>>;
let server: Awaited<ReturnType<typeof startDevServer>> | undefined;
let cachesBefore: Map<string, Buffer>;
const lines: string[] = [];
// Every body rendered goes through markdown-it's parse (src/content/markdown.ts).
const parse = vi.spyOn(MarkdownIt.prototype, "parse");

async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

beforeAll(async () => {
  site = await makeSite(devFiles, { ...fixtureSettings, search: false, socialCards: false });
  await build({ input: site.content, output: join(site.root, "dist"), cacheDir: join(site.root, ".cache") });
  cachesBefore = await readTree(join(site.root, ".cache"));
  parse.mockClear();
  server = await startOnSite(site, (line) => lines.push(line));
  await until(() => lines.some((line) => line.startsWith("Built")));
}, 60_000);
afterAll(async () => {
  parse.mockRestore();
  await server?.close();
  await site?.remove();
});

describe("dev server over a site a production build made", () => {
  it("takes every body from the build's Markdown cache: none is rendered again", () => {
    expect(lines[0]).toMatch(/^Built: /);
    expect(readFileSync(join(site.root, ".dev", "2025/08/16/storm/index.html"), "utf8")).toContain(
      "Storm closes the coast road",
    );
    expect(parse).not.toHaveBeenCalled();
  });

  it("renders an edited body, and leaves the build's caches exactly as they were", async () => {
    const page = join(site.root, ".dev", "2025/08/16/storm/index.html");
    const storm = { title: "Storm closes the coast road", date: "2025-08-16T10:00:00Z", tags: ["Weather"] };
    await writeFile(join(site.content, "articles", "storm.md"), articleFile(storm, "The road reopened at dusk."));
    await until(() => existsSync(page) && readFileSync(page, "utf8").includes("The road reopened at dusk."));
    expect(readFileSync(page, "utf8")).toContain("The road reopened at dusk.");
    expect(parse).toHaveBeenCalledTimes(1);
    const after = await readTree(join(site.root, ".cache"));
    expect([...after.keys()]).toEqual([...cachesBefore.keys()]);
    for (const [path, bytes] of cachesBefore) expect(after.get(path)?.equals(bytes), path).toBe(true);
  }, 60_000);
});
