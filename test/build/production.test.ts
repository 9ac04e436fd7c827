// The production build's guarantees around its own end: an interrupt leaves the output as it was,
// an empty build does not replace a site, a failed one ends its card threads before it rejects; and the
// V8 settings a build gives back (leaveBatch).
import { readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Worker } from "node:worker_threads";
import { register } from "tsx/esm/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BuildInterrupted, build } from "../../src/build/production.ts";
import { leaveBatch } from "../../src/cli/start-up.js";
import { startDrawWorkers } from "../../src/images/cards/draw-threads.ts";
import { DigestError } from "../../src/content/errors.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";

// Setting V8's flags in the test process would change how the rest of the suite runs: only the call is seen.
vi.mock("../../src/cli/start-up.js", async (original) => ({
  ...(await original<typeof import("../../src/cli/start-up.js")>()),
  leaveBatch: vi.fn(),
}));

// The card threads a build starts ahead, kept to be looked at.
vi.mock("../../src/images/cards/draw-threads.ts", async (original) => {
  const threads = await original<typeof import("../../src/images/cards/draw-threads.ts")>();
  return { ...threads, startDrawWorkers: vi.fn(threads.startDrawWorkers) };
});

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

type Site = Awaited<ReturnType<typeof makeSite>>;
const sites: Site[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.remove();
});

const files = {
  "summit.md": articleFile({ title: "Leaders meet at the lake summit", date: "2025-08-15T09:00:00Z", tags: ["Lakes"] }),
  "storm.md": articleFile({ title: "Storm closes the coast road", date: "2025-08-16T10:00:00Z" }),
};
const options = (site: Site) => ({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });

/** A site built once, and a second version of it (a changed title) to interrupt. */
async function builtSite(): Promise<{ site: Site; before: Map<string, Buffer> }> {
  const site = await makeSite(files, { ...fixtureSettings, search: false });
  sites.push(site);
  await build(options(site));
  await writeFile(
    join(site.content, "_data", "site.json"),
    JSON.stringify({ ...fixtureSettings, search: false, title: "A New Title" }),
  );
  return { site, before: await readTree(site.output) };
}

/** What a build left behind: folders beside the output (but the versions' store), and versions without a manifest (staging folders). */
async function leftovers(site: Site): Promise<string[]> {
  const names = await readdir(dirname(site.output));
  const store = await readdir(`${site.output}.builds`).catch((): string[] => []);
  return [
    ...names.filter((name) => name.startsWith("dist.") && !name.endsWith(".manifest.json") && name !== "dist.builds"),
    ...store.filter((name) => !name.endsWith(".json") && !store.includes(`${name}.json`)),
  ];
}

describe("an interrupted build", () => {
  it("stops before it starts when its signal was aborted, and leaves the output as it was", async () => {
    const { site, before } = await builtSite();
    const controller = new AbortController();
    controller.abort("SIGINT");
    await expect(build({ ...options(site), signal: controller.signal })).rejects.toBeInstanceOf(BuildInterrupted);
    expect(await readTree(site.output)).toEqual(before);
    expect(await leftovers(site)).toEqual([]);
  });

  it.each([0, 1, 5, 20])(
    "aborted %i ms into the build, leaves the output as it was and no staging folder",
    async (delay) => {
      const { site, before } = await builtSite();
      const controller = new AbortController();
      const running = build({ ...options(site), signal: controller.signal });
      setTimeout(() => controller.abort("SIGTERM"), delay);
      await expect(running).rejects.toBeInstanceOf(BuildInterrupted);
      expect(await readTree(site.output)).toEqual(before);
      expect(await leftovers(site)).toEqual([]);
      // The next build is a complete one, with the new title.
      await build(options(site));
      expect(await readTree(site.output)).not.toEqual(before);
    },
  );
});

describe("an empty build", () => {
  it("is refused over a site with articles, naming --allow-empty, and allowed with it", async () => {
    const { site, before } = await builtSite();
    await rm(join(site.content, "articles"), { recursive: true });
    const refused = build(options(site));
    await expect(refused).rejects.toBeInstanceOf(DigestError);
    await expect(refused).rejects.toThrow(/holds no articles, but .* holds a published site.*\n.*--allow-empty/);
    expect(await readTree(site.output)).toEqual(before);
    const allowed = await build({ ...options(site), allowEmpty: true });
    expect(allowed.articles).toBe(0);
  });
});

describe("a failed build", () => {
  it("has ended the card threads it started ahead when it rejects: none is left for the exit to terminate", async () => {
    const site = await makeSite(
      { ...files, "broken.md": "---\ntitle: [unclosed\n---\nBody.\n" },
      { ...fixtureSettings, search: false },
    );
    sites.push(site);
    const started = vi.mocked(startDrawWorkers);
    started.mockClear();
    await expect(build(options(site))).rejects.toBeInstanceOf(DigestError);
    // A cold build starts them before it reads the content (no card cache yet).
    const workers = started.mock.results.flatMap((r) => r.value as Worker[]);
    expect(workers.length).toBeGreaterThan(0);
    expect(workers.map((w) => w.threadId)).toEqual(workers.map(() => -1));
  });
});

describe("a build's V8 settings", () => {
  it("keeps the batch settings for a first build, and gives V8 its own back over a previous output", async () => {
    const site = await makeSite(files, { ...fixtureSettings, search: false });
    sites.push(site);
    vi.mocked(leaveBatch).mockClear();
    await build(options(site));
    expect(leaveBatch).not.toHaveBeenCalled();
    await build(options(site));
    expect(leaveBatch).toHaveBeenCalledTimes(1);
  });
});
