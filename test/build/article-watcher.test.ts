// The articles' watcher: each file created, written or deleted under the folder is reported once it
// is whole; files beside the folder are not.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { appendFile, mkdir, mkdtemp, rename, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ArticleWatcher, watchArticles } from "../../src/build/article-watcher.ts";

let root: string;
let articles: string;
let watcher: ArticleWatcher | undefined;
let reports: { path: string; text: string }[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await sleep(25);
}

/** A reported file's text, "(gone)" when it is not there (or is a folder). */
function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "(gone)";
  }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "article-watcher-"));
  articles = join(root, "articles");
  await mkdir(join(articles, "2025"), { recursive: true });
  await writeFile(join(articles, "2025", "old.md"), "old");
  reports = [];
  watcher = await watchArticles(articles, (path) => reports.push({ path, text: readText(path) }));
});
afterEach(async () => {
  await watcher?.close();
  await rm(root, { recursive: true, force: true });
});

describe("watchArticles", () => {
  it("reports a file written, one made in a new folder, one renamed and one deleted", async () => {
    await writeFile(join(articles, "2025", "old.md"), "edited");
    await until(() => reports.length >= 1);
    await mkdir(join(articles, "2026"));
    await writeFile(join(articles, "2026", "new.md"), "new");
    await until(() => reports.some((r) => r.path.endsWith("new.md")));
    await rename(join(articles, "2026", "new.md"), join(articles, "2026", "moved.md"));
    await until(() => reports.some((r) => r.path.endsWith("moved.md")));
    await unlink(join(articles, "2025", "old.md"));
    await until(() => reports.some((r) => r.text === "(gone)" && r.path.endsWith("old.md")));
    expect(reports).toContainEqual({ path: join(articles, "2025", "old.md"), text: "edited" });
    expect(reports).toContainEqual({ path: join(articles, "2026", "new.md"), text: "new" });
    expect(reports).toContainEqual({ path: join(articles, "2026", "moved.md"), text: "new" });
    expect(reports).toContainEqual({ path: join(articles, "2026", "new.md"), text: "(gone)" });
    expect(reports).toContainEqual({ path: join(articles, "2025", "old.md"), text: "(gone)" });
  });

  it("reports a file written in pieces once, whole, after its size stopped changing", async () => {
    await watcher?.close();
    // Longer than the pauses between the pieces, however loaded the machine.
    watcher = await watchArticles(articles, (path) => reports.push({ path, text: readFileSync(path, "utf8") }), {
      stableMs: 400,
    });
    const file = join(articles, "2025", "long.md");
    await writeFile(file, "first part;");
    for (const part of [" second part;", " third part."]) {
      await sleep(10);
      await appendFile(file, part);
    }
    await until(() => reports.length >= 1);
    await sleep(600);
    expect(reports).toEqual([{ path: file, text: "first part; second part; third part." }]);
  });

  it("reports each file written into a folder made a moment before, the folder's watch coming after the file", async () => {
    const written = Array.from({ length: 20 }, (_, i) => join(articles, `new-${i}`, "a.md"));
    for (const [i, file] of written.entries()) {
      await mkdir(join(articles, `new-${i}`));
      await writeFile(file, `text ${i}`);
    }
    await until(() => written.every((file) => reports.some((r) => r.path === file)));
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(reports.filter((r) => r.path.endsWith(".md")).sort(byPath)).toEqual(
      written.map((path, i) => ({ path, text: `text ${i}` })).sort(byPath),
    );
  });

  it("reports a folder moved away by its path, each file of a folder moved in, and the articles folder made again", async () => {
    await writeFile(join(root, "outside.md"), "moved in");
    await mkdir(join(root, "elsewhere"));
    await rename(join(root, "outside.md"), join(root, "elsewhere", "in.md"));
    await rename(join(articles, "2025"), join(root, "2025-away"));
    await until(() => reports.some((r) => r.path === join(articles, "2025")));
    await rename(join(root, "elsewhere"), join(articles, "2024"));
    await until(() => reports.some((r) => r.path.endsWith("in.md")));
    expect(reports).toEqual([
      { path: join(articles, "2025"), text: "(gone)" },
      { path: join(articles, "2024", "in.md"), text: "moved in" },
    ]);
    // Removed and made again: the new folder is watched.
    reports.length = 0;
    await rm(articles, { recursive: true });
    await until(() => reports.some((r) => r.path === articles));
    await mkdir(join(articles, "2026"), { recursive: true });
    await writeFile(join(articles, "2026", "back.md"), "back");
    await until(() => reports.some((r) => r.path.endsWith("back.md")));
    await writeFile(join(articles, "2026", "back.md"), "back again");
    await until(() => reports.some((r) => r.text === "back again"));
    expect(reports).toContainEqual({ path: articles, text: "(gone)" });
    expect(reports).toContainEqual({ path: join(articles, "2026", "back.md"), text: "back" });
    expect(reports).toContainEqual({ path: join(articles, "2026", "back.md"), text: "back again" });
  });

  it("reports an editor's save through a temporary file renamed over the article once, and not the temporary file", async () => {
    const article = join(articles, "2025", "old.md");
    const temporary = join(articles, "2025", ".old.md.tmp");
    await writeFile(temporary, "saved");
    await rename(temporary, article);
    await until(() => reports.length >= 1);
    await sleep(200);
    expect(reports).toEqual([{ path: article, text: "saved" }]);
  });

  it("reports a save that moves the article aside, writes it anew and deletes the backup as one change", async () => {
    await watcher?.close();
    // Longer than the editor's pause between its steps, however loaded the machine.
    watcher = await watchArticles(articles, (path) => reports.push({ path, text: readText(path) }), {
      stableMs: 400,
    });
    const article = join(articles, "2025", "old.md");
    const backup = `${article}~`;
    renameSync(article, backup);
    await sleep(20);
    writeFileSync(article, "written anew");
    unlinkSync(backup);
    await until(() => reports.length >= 1);
    await sleep(200);
    expect(reports).toEqual([{ path: article, text: "written anew" }]);
  });

  it("reports nothing for files beside the folder", async () => {
    await writeFile(join(root, "settings.json"), "{}");
    await writeFile(join(articles, "2025", "seen.md"), "seen");
    await until(() => reports.length >= 1);
    await sleep(200);
    expect(reports.map((r) => r.path)).toEqual([join(articles, "2025", "seen.md")]);
  });
});
