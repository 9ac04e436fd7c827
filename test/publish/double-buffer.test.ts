// Double buffering: from the third build on, the version before the current one is brought up to date
// and switched to, so an edit costs file-system work in proportion to what changed; an interruption
// while it is updated leaves dist on the old site, and the next build equals a clean build.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BackgroundWriter } from "../../src/publish/background-writer.ts";
import { OutputChangedError } from "../../src/publish/output-error.ts";
import { Publisher } from "../../src/publish/publisher.ts";
import { readTree } from "../helpers/fixture.ts";

const checkNow = BackgroundWriter.prototype.checkNow;
let root: string;
let out: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "broadsheet-double-"));
  out = join(root, "dist");
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

const A = {
  "index.html": "<h1>A</h1>",
  "feeds/rss.xml": "<rss>A</rss>",
  "2025/08/15/summit/index.html": "<p>summit</p>",
  "gone/index.html": "<p>gone</p>",
};
/** One page changed, one dropped. */
const B = {
  "index.html": "<h1>B</h1>",
  "feeds/rss.xml": "<rss>A</rss>",
  "2025/08/15/summit/index.html": "<p>summit</p>",
};
/** One page changed, one new: the page B changed is as in B. */
const C = { ...B, "feeds/rss.xml": "<rss>C</rss>", "new/index.html": "<p>new</p>" };

async function publish(pages: Record<string, string>, dir = out) {
  const publisher = new Publisher(dir);
  for (const [path, content] of Object.entries(pages)) publisher.add(path, content, `k:${content}`);
  return await publisher.commit();
}
const text = async (dir: string) => Object.fromEntries([...(await readTree(dir))].map(([p, b]) => [p, b.toString()]));
const target = () => resolve(root, readlinkSync(out));
const ino = (path: string) => statSync(join(out, path)).ino;

describe("Publisher: the version before the current one is reused", () => {
  it("a one-file edit after two builds writes, links and makes folders in proportion to the changes", async () => {
    await publish(A);
    const first = { dir: statSync(target()).ino, summit: ino("2025/08/15/summit/index.html"), folder: ino("2025") };
    await publish(B);
    const changedInB = ino("index.html");
    const counts = {
      write: vi.spyOn(BackgroundWriter.prototype, "write"),
      link: vi.spyOn(BackgroundWriter.prototype, "link"),
      copy: vi.spyOn(BackgroundWriter.prototype, "copy"),
    };
    expect(await publish(C)).toEqual({ files: 4, written: 2, removed: 0 });
    // Two files written (the edit, the new page), one linked (the page B changed), nothing else.
    expect([counts.write.mock.calls.length, counts.link.mock.calls.length, counts.copy.mock.calls.length]).toEqual([
      2, 1, 0,
    ]);
    expect(await text(out)).toEqual(C);
    // The same folders and files as after the first build: renamed, not rebuilt.
    expect(statSync(target()).ino).toBe(first.dir);
    expect(ino("2025")).toBe(first.folder);
    expect(ino("2025/08/15/summit/index.html")).toBe(first.summit);
    expect(ino("index.html")).toBe(changedInB);
    expect(existsSync(join(out, "gone"))).toBe(false);
    // The current version and the one it replaced, each with its manifest.
    expect(readdirSync(`${out}.builds`)).toHaveLength(4);
  });

  it("keeps every file's inode across many builds with one edit each, and equals a clean build", async () => {
    await publish(A);
    const summit = ino("2025/08/15/summit/index.html");
    for (let i = 0; i < 5; i++) await publish({ ...C, "index.html": `<h1>${i}</h1>` });
    expect(ino("2025/08/15/summit/index.html")).toBe(summit);
    const clean = join(root, "clean");
    await publish({ ...C, "index.html": "<h1>4</h1>" }, clean);
    expect(await text(out)).toEqual(await text(clean));
  });

  it("a page where the reused version holds a folder, and a folder where it holds a file", async () => {
    await publish({ "p/index.html": "1", q: "1", "r.html": "1" });
    await publish({ "p/index.html": "2", q: "1", "r.html": "2" });
    const next = { p: "file now", "q/index.html": "folder now", "r.html": "2" };
    await publish(next);
    expect(await text(out)).toEqual(next);
  });

  it("checks the files the reused version holds while pages are still added: one deleted there by hand stops the commit", async () => {
    // More files than the early check sends at a time (4,096), so that it starts before the commit.
    const many = Object.fromEntries(Array.from({ length: 4500 }, (_, i) => [`p/${i}/index.html`, `<p>${i}</p>`]));
    await publish({ ...many, ...A });
    const reused = target();
    await publish({ ...many, ...B });
    // In the version before the current one only, which this build brings up to date.
    rmSync(join(reused, "p/7/index.html"));
    const order: string[] = [];
    vi.spyOn(BackgroundWriter.prototype, "checkNow").mockImplementation(function (this: BackgroundWriter, ...args) {
      order.push("early check");
      return checkNow.apply(this, args);
    });
    const check = vi.spyOn(BackgroundWriter.prototype, "check");
    const publisher = new Publisher(out);
    for (const [path, content] of Object.entries({ ...many, ...C })) publisher.add(path, content, `k:${content}`);
    order.push("commit");
    const failed = await publisher.commit().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(OutputChangedError);
    expect((failed as OutputChangedError).files).toEqual(["p/7/index.html"]);
    expect(order[0]).toBe("early check");
    // Checked after the writes: only what the early check did not cover (the page B changed, linked anew).
    expect(check.mock.calls.map(([, paths]) => paths)).toEqual([["index.html"]]);
    expect(await text(out)).toEqual({ ...many, ...B });
    // The next build checks every file, and equals a clean one.
    vi.restoreAllMocks();
    await publish({ ...many, ...C });
    await publish({ ...many, ...C }, join(root, "clean"));
    expect(await text(out)).toEqual(await text(join(root, "clean")));
  });

  it("two builds at once: the first reuses the version before, the second assembles in full, both switch", async () => {
    await publish(A);
    const first = statSync(target()).ino;
    await publish(B);
    const one = new Publisher(out);
    for (const [path, content] of Object.entries(C)) one.add(path, content);
    // Made while the first build is under way (it claimed the version before the current one).
    const two = new Publisher(out);
    for (const [path, content] of Object.entries({ ...C, "index.html": "<h1>two</h1>" })) two.add(path, content);
    await one.commit();
    expect(await text(out)).toEqual(C);
    expect(statSync(target()).ino).toBe(first);
    await two.commit();
    expect(await text(out)).toEqual({ ...C, "index.html": "<h1>two</h1>" });
  });
});

/** Publishes `pages` in a child process killed at its `step`-th publish step (BROADSHEET_FAULT). */
function killedPublish(pages: Record<string, string>, step: number): void {
  const publisher = fileURLToPath(new URL("../../src/publish/publisher.ts", import.meta.url));
  const script = join(root, "child.mts");
  writeFileSync(
    script,
    `const { Publisher } = await import(${JSON.stringify(publisher)});
    const p = new Publisher(${JSON.stringify(out)});
    for (const [path, content] of Object.entries(${JSON.stringify(pages)})) p.add(path, content, "k:" + content);
    await p.commit();`,
  );
  const child = spawnSync(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, BROADSHEET_FAULT: `${step}:SIGKILL` },
  });
  expect(child.signal, child.stderr.toString()).toBe("SIGKILL");
}

describe("Publisher: an interruption while the reused version is updated", () => {
  // Steps: 1 publisher made, 2-5 each file added (the version is claimed just after step 3, for the
  // first file written), 6 files written (updated, no manifest), 7 manifest written, 8 link made.
  it.each([4, 5, 6, 7, 8])(
    "killed at step %i: dist is the old site, the next build equals a clean build",
    async (step) => {
      await publish(A);
      const reused = target();
      await publish(B);
      const current = target();
      killedPublish(C, step);
      expect(target()).toBe(current);
      expect(await text(out)).toEqual(B);
      // The version being updated was taken over (renamed), so it is no version any more.
      expect(existsSync(reused)).toBe(false);
      await publish(C);
      const clean = join(root, "clean");
      await publish(C, clean);
      expect(await text(out)).toEqual(await text(clean));
      // The killed build's folder is gone: the current version and the one it replaced, with manifests.
      expect(readdirSync(`${out}.builds`)).toHaveLength(4);
    },
  );
});
