// Integration: the dev server on 127.0.0.1 over a fixture site: private, refusing hostile paths,
// publishing through the Publisher so that a deleted article's pages go, one line per rebuild.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { startDevServer } from "../../src/build/dev-server.ts";
import { build } from "../../src/build/production.ts";
import { devFiles, getRaw, startOnSite } from "../helpers/dev-server.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

const files = devFiles;

let site: Awaited<ReturnType<typeof makeSite>>;
let server: Awaited<ReturnType<typeof startDevServer>>;
const lines: string[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
const dev = () => join(site.root, ".dev");

/** Waits until the log holds `count` lines matching `pattern` (the rebuild is asynchronous). */
async function lineCount(pattern: RegExp, count: number): Promise<void> {
  for (let i = 0; i < 600 && lines.filter((line) => pattern.test(line)).length < count; i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Waits until `ready()` holds and no rebuild line came for a while: the watcher may report an edit as two. */
async function settled(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  for (let seen = -1; seen !== lines.length; ) {
    seen = lines.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}

/** GET with the path sent byte for byte. */
const get = (path: string) => getRaw(server.url, path);

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  // Social cards on: the dev server keeps their plans between rebuilds, which the last tests check.
  site = await makeSite(files, { ...fixtureSettings, search: false, socialCards: true });
  server = await startOnSite(site, (line) => lines.push(line));
  await lineCount(/^Built/, 1);
}, 60_000);
afterAll(async () => {
  await server?.close();
  process.off("unhandledRejection", onRejection);
  await site?.remove();
});

describe("dev server", () => {
  it("listens on the host it was given, and serves the pages it published", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await get("/");
    expect(home.status).toBe(200);
    expect(home.body).toContain("Storm closes the coast road");
  });

  it.each(["/..%2f..%2fetc%2fpasswd", "/..%5c..%5cetc%5cpasswd", "/%E0%A4%A", "/tags/%2e%2e/%2e%2e/%2e%2e/etc/passwd"])(
    "answers %s with 400 at once, and logs no unhandled rejection",
    async (path) => {
      const answer = await get(path);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatch(/^Bad request: /);
      expect(rejections).toEqual([]);
    },
  );

  it("prints one line for the first build, not a line per file", () => {
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Built: \d+ files written, 0 removed in \d+\.\d\d s$/);
  });

  it("takes a report of a file as it was built for no change: nothing rendered or published, said in one line", async () => {
    const storm = join(site.content, "articles", "storm.md");
    const pages = await readTree(dev());
    const echo = /^Not rebuilt: nothing the site reads has changed \(.*storm\.md\)$/;
    const rebuilds = lines.length;
    // A report of the file as the first build read it: the same bytes and times (to the nanosecond:
    // utimes from JavaScript rounds them), put in place at once.
    const copy = join(site.root, "storm.copy");
    await writeFile(copy, readFileSync(storm));
    execFileSync("touch", ["-r", storm, copy]);
    await rename(copy, storm);
    await lineCount(echo, 1);
    const after = await readTree(dev());
    expect([...after.keys()]).toEqual([...pages.keys()]);
    for (const [path, bytes] of pages) expect(after.get(path)?.equals(bytes), path).toBe(true);
    expect(lines.slice(rebuilds)).toHaveLength(1);
    expect(lines.at(-1)).toMatch(echo);
  }, 60_000);

  it("takes an editor's swap file beside an article, written and removed, for no change, and says nothing of it", async () => {
    const summit = join(site.content, "articles", "summit.md");
    const swap = join(site.content, "articles", ".storm.md.swp");
    const pages = await readTree(dev());
    const rebuilds = lines.length;
    await writeFile(swap, "an editor's recovery data");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await unlink(swap);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await readTree(dev());
    expect([...after.keys()]).toEqual([...pages.keys()]);
    for (const [path, bytes] of pages) expect(after.get(path)?.equals(bytes), path).toBe(true);
    // The server goes on: the next line is the next report's (an article put back as it was built),
    // and nothing was said of the swap file (were its reports still on their way, they would join it).
    const copy = join(site.root, "summit.copy");
    await writeFile(copy, readFileSync(summit));
    execFileSync("touch", ["-r", summit, copy]);
    await rename(copy, summit);
    await lineCount(/^Not rebuilt: .*summit\.md\)$/, 1);
    expect(lines.slice(rebuilds)).toEqual([
      expect.stringMatching(/^Not rebuilt: nothing the site reads has changed \(.*summit\.md\)$/),
    ]);
  }, 60_000);

  it("publishes an edit, then removes a deleted article's pages on the next rebuild", async () => {
    const storm = join(site.content, "articles", "storm.md");
    const page = join(dev(), "2025/08/16/storm/index.html");
    expect(existsSync(page)).toBe(true);
    await writeFile(
      join(site.content, "articles", "market.md"),
      articleFile({ title: "Market opens on Sunday", date: "2025-08-17T08:00:00Z" }),
    );
    await lineCount(/^Rebuilt/, 1);
    expect(existsSync(join(dev(), "2025/08/17/market/index.html"))).toBe(true);
    await writeFile(
      join(site.content, "articles", "summit.md"),
      articleFile(
        { title: "Leaders meet at the lake summit", date: "2025-08-15T09:00:00Z", tags: ["Lakes"] },
        "An edited body.",
      ),
    );
    await lineCount(/^Rebuilt/, 2);
    expect(await readFile(join(dev(), "2025/08/15/summit/index.html"), "utf8")).toContain("An edited body.");
    await unlink(storm);
    await lineCount(/^Rebuilt/, 3);
    const rebuilt = lines.filter((line) => line.startsWith("Rebuilt"));
    expect(rebuilt[1]).toMatch(
      /^Rebuilt after .*\/content\/articles\/summit\.md: [1-9]\d* files written, 0 removed in /,
    );
    expect(rebuilt[2]).toMatch(/^Rebuilt after .*storm\.md: \d+ files written, [1-9]\d* removed in /);
    expect(existsSync(page)).toBe(false);
    // Its day and its tag's pages went with it, as in a production build.
    expect(existsSync(join(dev(), "2025/08/16/index.html"))).toBe(false);
    expect(existsSync(join(dev(), "tags/weather/index.html"))).toBe(false);
    expect((await get("/")).body).not.toContain("Storm closes the coast road");
  }, 60_000);

  it("reports an author's mistake in one rebuild line and keeps serving; the fix publishes", async () => {
    const broken = join(site.content, "articles", "broken.md");
    const before = lines.length;
    await writeFile(broken, "---\ntitle: A broken item\n---\n\nNo date.\n");
    await lineCount(/not published/, 1);
    const report = lines.slice(before).join("\n");
    expect(report).toMatch(/^Rebuilt after .*broken\.md: not published, .*\.dev was left as it was\.\n/);
    expect(report).toContain("content/articles/broken.md");
    expect(report).not.toMatch(/\n\s+at /);
    expect((await get("/")).status).toBe(200);
    await writeFile(broken, articleFile({ title: "A mended item", date: "2025-08-18T08:00:00Z" }));
    await lineCount(/^Rebuilt after .*broken\.md: \d+ files written/, 1);
    expect((await get("/")).body).toContain("A mended item");
  }, 60_000);

  it("lists the articles again after a rebuild that failed: an edit elsewhere does not hide a new file's mistake", async () => {
    const wrong = join(site.content, "articles", "undated.md");
    const failed = () => lines.filter((line) => /not published/.test(line)).length;
    // A new file with a mistake: not published. Then a body edit of a file every listing held.
    await writeFile(wrong, "---\ntitle: An undated item\n---\n\nNo date.\n");
    await lineCount(/not published/, failed() + 1);
    const edited = lines.length;
    const summit = { title: "Leaders meet at the lake summit", date: "2025-08-15T09:00:00Z", tags: ["Lakes"] };
    await writeFile(
      join(site.content, "articles", "summit.md"),
      articleFile(summit, "A body edited beside a mistake."),
    );
    await lineCount(
      /^Rebuilt after .*summit\.md/,
      1 + lines.slice(0, edited).filter((l) => /^Rebuilt after .*summit\.md/.test(l)).length,
    );
    const report = lines.slice(edited).find((line) => /^Rebuilt after .*summit\.md/.test(line));
    expect(report).toMatch(/^Rebuilt after .*summit\.md: not published/);
    expect(report).toContain("content/articles/undated.md");
    await unlink(wrong);
    await settled(() => readFileSync(join(dev(), "2025/08/15/summit/index.html"), "utf8").includes("beside a mistake"));
  }, 60_000);

  it("keeps each page's card when the card cache is removed under it: an edit's rebuild publishes no page pointing at a missing card", async () => {
    const cards = join(site.root, ".cache", "cards");
    expect((await readdir(cards)).length).toBeGreaterThan(0);
    await rm(cards, { recursive: true });
    const summit = { title: "Leaders meet at the lake summit", date: "2025-08-15T09:00:00Z", tags: ["Lakes"] };
    await writeFile(
      join(site.content, "articles", "summit.md"),
      articleFile(summit, "A body edited over no card cache."),
    );
    await settled(
      () =>
        existsSync(join(dev(), "2025/08/15/summit/index.html")) &&
        readFileSync(join(dev(), "2025/08/15/summit/index.html"), "utf8").includes("over no card cache"),
    );
    const pages = [...(await readTree(dev())).entries()].filter(([path]) => path.endsWith(".html"));
    const images = pages.flatMap(([, bytes]) =>
      [...bytes.toString("utf8").matchAll(/property="og:image" content="[^"]*?(\/media\/[^"]+)"/g)].map(
        (m) => m[1] as string,
      ),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(existsSync(join(dev(), image)), image).toBe(true);
  }, 60_000);

  it("after edits of a body and of tags, a rename, a deletion and an addition, holds what a clean build gives", async () => {
    const file = (name: string) => join(site.content, "articles", name);
    const shows = (path: string, text: string) => {
      const full = join(dev(), path);
      return existsSync(full) && readFileSync(full, "utf8").includes(text);
    };
    const summit = { title: "Leaders meet at the lake summit", date: "2025-08-15T09:00:00Z", tags: ["Lakes"] };
    await writeFile(file("summit.md"), articleFile(summit, "The body, edited again.\n\nA new second paragraph."));
    await settled(() => shows("2025/08/15/summit/index.html", "A new second paragraph."));
    await writeFile(
      file("summit.md"),
      articleFile({ ...summit, tags: ["Lakes", "Diplomacy"] }, "The body, edited again."),
    );
    await settled(() => existsSync(join(dev(), "tags/diplomacy/index.html")));
    await rename(file("market.md"), file("market-day.md"));
    await settled(() => existsSync(join(dev(), "2025/08/17/market-day/index.html")));
    await unlink(file("broken.md"));
    await settled(() => !shows("index.html", "A mended item"));
    await writeFile(
      file("ferry.md"),
      articleFile({ title: "Ferry timetable changes", date: "2025-08-19T07:00:00Z", tags: ["Lakes", "Travel"] }),
    );
    await settled(() => existsSync(join(dev(), "2025/08/19/ferry/index.html")));
    expect(existsSync(join(dev(), "2025/08/17/market/index.html"))).toBe(false);

    const clean = join(site.root, "clean");
    await build({ input: site.content, output: clean, cacheDir: join(site.root, ".clean-cache"), preview: true });
    const [a, b] = await Promise.all([readTree(dev()), readTree(clean)]);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, bytes] of b) expect(a.get(path)?.equals(bytes), path).toBe(true);
    await rm(clean, { recursive: true });
    await rm(`${clean}.builds`, { recursive: true });
  }, 120_000);
});
