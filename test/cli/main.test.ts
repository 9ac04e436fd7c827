// The command line as an author runs it (`node src/cli/run.js …`, what the npm scripts run), on fixture sites.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";

const RUN = fileURLToPath(new URL("../../src/cli/run.js", import.meta.url));
type Site = Awaited<ReturnType<typeof makeSite>>;
const sites: Site[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.remove();
});

/** Runs a command in the site's folder; never throws, returns the exit code and both streams. */
function run(site: Site, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runWith({}, site, ...args);
}

/** `run` with extra environment variables. */
function runWith(
  env: Record<string, string>,
  site: Site,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [RUN, ...args], {
    cwd: site.root,
    env: { ...process.env, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ ...error }),
  );
}

const published = articleFile({ title: "Harbour bridge reopens", date: "2025-08-15T09:00:00Z", tags: ["Harbour"] });
const files = {
  "bridge.md": published,
  "draft-one.md": articleFile({ title: "A draft about the ferry", date: "2025-08-14T09:00:00Z", draft: true }),
  "draft-two.md": articleFile({ title: "A draft about the pier", date: "2025-08-14T10:00:00Z", draft: true }),
  "later.md": articleFile({ title: "Scheduled for a later year", date: "2099-01-01T09:00:00Z" }),
};

async function site(articles: Record<string, string> = files): Promise<Site> {
  const made = await makeSite(articles, { ...fixtureSettings, search: false });
  sites.push(made);
  return made;
}

describe("build", () => {
  it("--help prints every option and builds nothing", { timeout: 30_000 }, async () => {
    const s = await site();
    const result = await run(s, "build", "--help");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    for (const option of ["--future", "--output", "--input", "--allow-empty", "--help", "--debug"])
      expect(result.stdout).toContain(option);
    expect(existsSync(join(s.root, "dist"))).toBe(false);
  });

  it("refuses an unknown option, naming the closest one, and builds nothing", { timeout: 30_000 }, async () => {
    const s = await site();
    const result = await run(s, "build", "--futur");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "--futur is not an option of build; did you mean --future?\nSee: npm run build -- --help\n",
    );
    expect(existsSync(join(s.root, "dist"))).toBe(false);
  });

  it("counts the drafts and scheduled items it left out", { timeout: 60_000 }, async () => {
    const s = await site();
    const result = await run(s, "build");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Built 1 article, 1 tag, 0 sources: \d+ files/m);
    expect(result.stdout).toContain("2 drafts and 1 scheduled item left out; `--future` to preview them\n");
    expect(existsSync(join(s.root, "dist/2025/08/15/bridge/index.html"))).toBe(true);
  });

  it("--future builds the preview into .preview/, never into dist/", { timeout: 60_000 }, async () => {
    const s = await site();
    const result = await run(s, "build", "--future");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Built 4 articles, /m);
    expect(result.stdout).not.toContain("left out");
    expect(existsSync(join(s.root, ".preview/2025/08/14/draft-one/index.html"))).toBe(true);
    expect(existsSync(join(s.root, "dist"))).toBe(false);
    const refused = await run(s, "build", "--future", "--output", "dist");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--future never builds into dist/");
    expect(existsSync(join(s.root, "dist"))).toBe(false);
    const elsewhere = await run(s, "build", "--future", "--output", "review");
    expect(elsewhere.code).toBe(0);
    expect(existsSync(join(s.root, "review/2025/08/14/draft-two/index.html"))).toBe(true);
  });

  it("refuses to replace a site with an empty one, unless --allow-empty", { timeout: 90_000 }, async () => {
    const s = await site({ "bridge.md": published });
    expect((await run(s, "build")).code).toBe(0);
    const before = await readTree(join(s.root, "dist"));
    await rm(join(s.content, "articles", "bridge.md"));
    const refused = await run(s, "build");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("content/articles holds no articles, but dist holds a published site");
    expect(refused.stderr).toContain("--allow-empty");
    expect(refused.stderr).toContain("The build stopped; the previous output was left as it was.");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(await readTree(join(s.root, "dist"))).toEqual(before);
    const allowed = await run(s, "build", "--allow-empty");
    expect(allowed.code).toBe(0);
    expect(existsSync(join(s.root, "dist/2025/08/15/bridge/index.html"))).toBe(false);
    const home = await readFile(join(s.root, "dist/index.html"), "utf8");
    expect(home).toContain("Nothing has been published here yet.");
    expect(home).toContain(`<code>npm run new -- "Headline of the item"</code>`);
  });

  it("builds an empty site where there was none, and its home page says how to begin", {
    timeout: 60_000,
  }, async () => {
    const s = await site({});
    const result = await run(s, "build");
    expect(result.code).toBe(0);
    expect(await readFile(join(s.root, "dist/index.html"), "utf8")).toContain("Nothing has been published here yet.");
  });
});

describe("check and errors", () => {
  it("check counts articles and reports an author's mistake without a stack", { timeout: 60_000 }, async () => {
    const s = await site({ "bridge.md": published });
    expect(await run(s, "check")).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Checked 1 article \(1 tag\): no errors, 0 warnings, in /),
    });
    const broken = await site({ "bad.md": "---\ntitle: No date here\n---\n\nBody.\n" });
    const result = await run(broken, "check");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("content/articles/bad.md");
    expect(result.stderr).toContain("The check found errors.");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("an output that cannot be made is one plain message naming it, with no stack", { timeout: 60_000 }, async () => {
    const s = await site();
    const result = await run(s, "build", "--output", "content/_data/site.json/out");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("content/_data/site.json/out is not a folder");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("an unexpected error is one line and a pointer, the stack only with --debug", { timeout: 60_000 }, async () => {
    const s = await site();
    // A malformed fault plan is a programming error, not an author's mistake: the unexpected path.
    const broken = { BROADSHEET_FAULT: "not-a-plan" };
    const plain = await runWith(broken, s, "build");
    expect(plain.code).toBe(1);
    expect(plain.stderr.trim().split("\n")).toHaveLength(2);
    expect(plain.stderr).toMatch(/^An unexpected error stopped build: /);
    expect(plain.stderr).toContain("--debug");
    const debug = await runWith(broken, s, "build", "--debug");
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

/** A textured JPEG, made here so no binary fixture is needed. */
function photo(width: number, height: number): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

describe("signals", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s during a build leaves the output as it was and exits %i",
    { timeout: 240_000 },
    async (signal, code) => {
      // Enough articles that rendering outlasts the signal's delivery; one image, whose progress line
      // says the build is under way.
      const articles: Record<string, string> = {};
      for (let i = 0; i < 80; i++)
        articles[`item-${i}.md`] = articleFile({
          title: `Item number ${i}`,
          date: "2025-08-15T09:00:00Z",
          tags: [`T${i % 9}`],
        });
      articles["lead.md"] = articleFile({
        title: "With a photo",
        date: "2025-08-16T09:00:00Z",
        image: "./lead.jpg",
        imageAlt: "A test pattern",
      });
      const s = await site(articles);
      await writeFile(join(s.content, "articles", "lead.jpg"), await photo(800, 500));
      expect((await run(s, "build")).code).toBe(0);
      const before = await readTree(join(s.root, "dist"));
      // A new title changes every page, and without the cache the image is processed again.
      await writeFile(
        join(s.content, "_data", "site.json"),
        JSON.stringify({ ...fixtureSettings, search: false, title: "Renamed" }),
      );
      await rm(join(s.root, ".cache"), { recursive: true });
      const child = spawn(process.execPath, [RUN, "build"], { cwd: s.root });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        // Once: a second signal would end the process at once, as a second Ctrl-C should.
        if (/Images: 1\/1/.test(stderr) && !child.killed) child.kill(signal);
      });
      const exit = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
      expect(stderr).toContain("The build was interrupted; dist was left as it was.\n");
      expect(exit).toBe(code);
      expect(await readTree(join(s.root, "dist"))).toEqual(before);
    },
  );
});
