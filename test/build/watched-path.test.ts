// Which file a watcher report names, wherever the code and the site are.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { watchedPath } from "../../src/build/watched-path.ts";

describe("watchedPath", () => {
  it.each([
    // Outside the content folder on every reading: read against the working folder.
    ["content/articles/a.md", "/site", join(process.cwd(), "content/articles/a.md")],
    ["./tmp/site/content/articles/a.md", "/tmp/site/content", "/tmp/site/content/articles/a.md"],
    ["/tmp/site/content/articles/a.md", "/tmp/site/content", "/tmp/site/content/articles/a.md"],
    // Relative to the folder holding the code and the site, when the code is beside the site.
    ["site/content/articles/a.md", "/tmp/site/content", "/tmp/site/content/articles/a.md"],
  ])("%s (content in %s) → %s", (reported, content, expected) => {
    expect(watchedPath(reported, content)).toBe(expected);
  });

  it("reads a path inside the content folder against the working folder first", () => {
    const content = join(process.cwd(), "content");
    expect(watchedPath("content/articles/a.md", content)).toBe(join(content, "articles", "a.md"));
  });

  it("prefers the reading of a file that exists, and keeps a reading outside the content folder as it is", async () => {
    const root = await mkdtemp(join(tmpdir(), "watched-"));
    try {
      // Content in root/c/c: "c/c/a.md" read against root is root/c/c/a.md, against root/c it is
      // root/c/c/c/a.md, both inside; only the second exists.
      const content = join(root, "c", "c");
      await mkdir(join(content, "c"), { recursive: true });
      await writeFile(join(content, "c", "a.md"), "");
      expect(watchedPath("c/c/a.md", content)).toBe(join(content, "c", "a.md"));
      expect(watchedPath("/elsewhere/a.md", content)).toBe("/elsewhere/a.md");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("reads a report relative to a folder above the working one (the site's parent)", () => {
    const cwd = process.cwd();
    const content = join(cwd, "content");
    expect(watchedPath(`./${basename(cwd)}/content/articles/a.md`, content)).toBe(join(content, "articles/a.md"));
    // Outside the content folder on every reading: read against the working folder, as before.
    expect(watchedPath("./elsewhere/a.md", content)).toBe(join(cwd, "elsewhere/a.md"));
  });
});
