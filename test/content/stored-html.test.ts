// Bodies left in the Markdown cache file: read by position, from the file as it was when the cache was read.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cachedRenderer, emptyCache, readMarkdownCache, writeMarkdownCache } from "../../src/content/markdown-cache.ts";
import { createMarkdown } from "../../src/content/markdown.ts";
import { htmlOf, openHtmlFile } from "../../src/content/stored-html.ts";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "broadsheet-stored-html-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("htmlOf", () => {
  it("gives HTML held in memory as it is", () => {
    expect(htmlOf("<p>Here.</p>")).toBe("<p>Here.</p>");
  });

  it("reads a stored body's bytes at its offset, Unicode included", () => {
    const path = join(tempDir(), "bodies");
    const body = Buffer.from("<p>Київ — «цитата» 🎉</p>");
    writeFileSync(path, Buffer.concat([Buffer.from("header"), body, Buffer.from("trailer")]));
    expect(htmlOf({ file: openHtmlFile(path), offset: 6, bytes: body.length })).toBe("<p>Київ — «цитата» 🎉</p>");
  });

  it("says which body it could not read when the file ends before it", () => {
    const path = join(tempDir(), "short");
    writeFileSync(path, "<p>cut");
    expect(() => htmlOf({ file: openHtmlFile(path), offset: 3, bytes: 50 })).toThrow(
      "a cache file ended before the body stored at byte 3",
    );
  });

  it("reads a saved body from the cache as it was read, even after the file was written anew", async () => {
    const file = join(tempDir(), "markdown.cache");
    const md = createMarkdown();
    const first = emptyCache();
    const renderer = cachedRenderer(md, first, 220);
    for (const text of ["The ferry sails at nine.", "The bridge opens at ten."]) renderer.render(text);
    await writeMarkdownCache(file, first);
    const read = await readMarkdownCache(file);
    const kept = [...read.markdown.values()];
    // The next build uses one of the two and renders another: half unused, the file is written anew (a rename).
    const next = cachedRenderer(md, read, 220);
    next.render("The bridge opens at ten.");
    next.render("The tram runs at noon.");
    await writeMarkdownCache(file, read);
    expect(kept.map((body) => typeof body.html)).toEqual(["object", "object"]);
    expect(kept.map((body) => htmlOf(body.html))).toEqual([
      "<p>The ferry sails at nine.</p>\n",
      "<p>The bridge opens at ten.</p>\n",
    ]);
    const again = await readMarkdownCache(file);
    expect([...again.markdown.values()].map((body) => htmlOf(body.html))).toEqual([
      "<p>The bridge opens at ten.</p>\n",
      "<p>The tram runs at noon.</p>\n",
    ]);
  });
});
