// What builds remember: rendered Markdown on disk, parsed files in a running server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  cachedRenderer,
  type LoadCache,
  emptyCache,
  markdownKey,
  readMarkdownCache,
  writeMarkdownCache,
} from "../../src/content/markdown-cache.ts";
import { loadContent } from "../../src/content/load.ts";
import { createMarkdown, markdownDefaults } from "../../src/content/markdown.ts";
import { type CachedBody, htmlOf } from "../../src/content/stored-html.ts";
import { articleFile, makeSite } from "../helpers/fixture.ts";

const md = createMarkdown();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "broadsheet-cache-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("markdownKey", () => {
  it.each([
    ["the same body", "Hello *world*", "Hello *world*", true],
    ["one character more", "Hello *world*", "Hello *world*!", false],
    ["trailing whitespace", "Hello", "Hello\n", false],
    ["Unicode forms (NFC and NFD)", "Caf\u00e9", "Cafe\u0301", false],
    ["empty and a space", "", " ", false],
  ])("%s", (_name, a, b, same) => {
    expect(markdownKey(a) === markdownKey(b)).toBe(same);
    expect(markdownKey(a)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe("cachedRenderer", () => {
  it("renders a body once, then takes it from the cache, and records every key it used", () => {
    const cache = emptyCache();
    const renderer = cachedRenderer(md, cache, markdownDefaults.summaryLength);
    const first = renderer.render("# Title\n\nFirst *paragraph*.");
    expect(first).toEqual({
      html: '<h2 id="title">Title</h2>\n<p>First <em>paragraph</em>.</p>\n',
      firstParagraph: "First paragraph.",
      key: markdownKey("# Title\n\nFirst *paragraph*."),
    });
    expect(renderer.render("# Title\n\nFirst *paragraph*.")).toEqual(first);
    expect(cache.rendered).toBe(1);
    renderer.render("Another body.");
    expect(cache.rendered).toBe(2);
    expect(cache.used).toEqual(new Set([markdownKey("# Title\n\nFirst *paragraph*."), markdownKey("Another body.")]));
    expect(renderer.summaryLength).toBe(markdownDefaults.summaryLength);
  });

  it("does not render a body the cache read from disk holds", () => {
    const cache = emptyCache();
    cache.markdown.set(markdownKey("Body"), { html: "<p>from the cache</p>", firstParagraph: "from the cache" });
    expect(cachedRenderer(md, cache, 220).render("Body").html).toBe("<p>from the cache</p>");
    expect(cache.rendered).toBe(0);
    expect(cache.used.has(markdownKey("Body"))).toBe(true);
  });
});

describe("the Markdown cache file", () => {
  /** A cache that rendered `bodies` this build. */
  function rendered(...bodies: string[]) {
    const cache = emptyCache();
    const renderer = cachedRenderer(md, cache, 220);
    for (const body of bodies) renderer.render(body);
    return cache;
  }

  it("reads back what was written, Unicode, tabs and newlines included", async () => {
    const file = join(tempDir(), "nested", "markdown.cache");
    const bodies = ["Plain.", "Київ — «цитата» 🎉", "Tab\there\n\nand a second paragraph", "```\ncode\twith tab\n```"];
    const written = rendered(...bodies);
    await writeMarkdownCache(file, written);
    const read = await readMarkdownCache(file);
    // Read back, each body is where it lies in the file until htmlOf reads it.
    const resolved = (cache: LoadCache) =>
      new Map(
        [...cache.markdown].map(([key, body]: [string, CachedBody]) => [key, { ...body, html: htmlOf(body.html) }]),
      );
    expect([...read.markdown.values()].every((body) => typeof body.html === "object")).toBe(true);
    expect(resolved(read)).toEqual(resolved(written));
    expect([read.loaded, read.rendered, read.used.size]).toEqual([4, 0, 0]);
  });

  it("is an empty cache when the file is missing", async () => {
    const read = await readMarkdownCache(join(tempDir(), "none.cache"));
    expect([read.markdown.size, read.loaded]).toEqual([0, 0]);
  });

  it("keeps only the bodies the current build used", async () => {
    const file = join(tempDir(), "markdown.cache");
    await writeMarkdownCache(file, rendered("One.", "Two.", "Three."));
    const next = await readMarkdownCache(file);
    const renderer = cachedRenderer(md, next, 220);
    renderer.render("Two.");
    renderer.render("Four.");
    await writeMarkdownCache(file, next);
    expect([...(await readMarkdownCache(file)).markdown.keys()].sort()).toEqual(
      [markdownKey("Two."), markdownKey("Four.")].sort(),
    );
  });

  it("drops a body no longer used even when nothing was rendered", async () => {
    const file = join(tempDir(), "markdown.cache");
    await writeMarkdownCache(file, rendered("One.", "Two."));
    const next = await readMarkdownCache(file);
    cachedRenderer(md, next, 220).render("Two.");
    await writeMarkdownCache(file, next);
    expect([...(await readMarkdownCache(file)).markdown.keys()]).toEqual([markdownKey("Two.")]);
  });

  it("adds a rebuild's few new bodies at the end, and writes the file anew once a quarter of it is unused", async () => {
    const file = join(tempDir(), "markdown.cache");
    const bodies = Array.from({ length: 8 }, (_, i) => `Body ${i}.`);
    await writeMarkdownCache(file, rendered(...bodies));
    const before = readFileSync(file);
    const next = await readMarkdownCache(file);
    const renderer = cachedRenderer(md, next, 220);
    // One body edited: seven kept, one new; one unused is an eighth of the file.
    for (const body of [...bodies.slice(1), "Body 0, edited."]) renderer.render(body);
    await writeMarkdownCache(file, next);
    const appended = readFileSync(file);
    expect(appended.subarray(0, before.length).equals(before)).toBe(true);
    expect(appended.length).toBeGreaterThan(before.length);
    const third = await readMarkdownCache(file);
    expect(third.markdown.size).toBe(9);
    expect(htmlOf(third.markdown.get(markdownKey("Body 0, edited."))?.html ?? "")).toBe("<p>Body 0, edited.</p>\n");
    // Three of nine unused: written anew with only the six used.
    const again = cachedRenderer(md, third, 220);
    for (const body of bodies.slice(3)) again.render(body);
    again.render("Body 0, edited.");
    await writeMarkdownCache(file, third);
    expect([...(await readMarkdownCache(file)).markdown.keys()].sort()).toEqual(
      [...bodies.slice(3), "Body 0, edited."].map(markdownKey).sort(),
    );
  });

  it("ignores a cache saved by another version of the rendering code", async () => {
    const file = join(tempDir(), "markdown.cache");
    const cache = rendered("One.");
    cache.version = "code-a";
    await writeMarkdownCache(file, cache);
    expect((await readMarkdownCache(file, "code-a")).markdown.size).toBe(1);
    expect((await readMarkdownCache(file, "code-b")).markdown.size).toBe(0);
  });

  it("keeps the frames before a cut-short one and around a damaged one, and says so in one line", async () => {
    const file = join(tempDir(), "markdown.cache");
    const bodies = Array.from({ length: 2500 }, (_, i) => `Body ${i}.`);
    await writeMarkdownCache(file, rendered(...bodies));
    const whole = readFileSync(file);
    const header = whole.indexOf("\n") + 1;
    const second = header + 4 + 16 + whole.readUInt32LE(header); // the second frame starts here
    const notices: string[] = [];
    writeFileSync(file, whole.subarray(0, second + 100)); // cut short, as by a full disk
    expect((await readMarkdownCache(file, "", (line) => notices.push(line))).markdown.size).toBe(1000);
    expect(notices).toEqual([
      `Markdown cache ${file} is damaged (0 parts not matching their hash, cut short): the bodies it lost are rendered again`,
    ]);
    const damaged = Buffer.from(whole);
    damaged.fill(0xff, second + 30, second + 60); // garbage inside the second frame
    writeFileSync(file, damaged);
    const read = await readMarkdownCache(file, "", (line) => notices.push(line));
    expect([...read.markdown.keys()]).toEqual([...bodies.slice(0, 1000), ...bodies.slice(2000)].map(markdownKey));
    expect(read.loaded).toBe(1500);
    expect(notices[1]).toMatch(/\(1 part not matching its hash\)/);
  });

  // Regression (issue 13): a changed byte inside a stored string still deserializes; only the hash tells.
  it("leaves out a frame with one changed character that V8 would read, and renders that body again", async () => {
    const file = join(tempDir(), "markdown.cache");
    await writeMarkdownCache(file, rendered("A body about the harbour."));
    const bytes = readFileSync(file);
    const at = bytes.lastIndexOf("harbour");
    bytes[at] = "H".charCodeAt(0);
    writeFileSync(file, bytes);
    const notices: string[] = [];
    const read = await readMarkdownCache(file, "", (line) => notices.push(line));
    expect(read.markdown.size).toBe(0);
    expect(notices).toHaveLength(1);
    expect(cachedRenderer(md, read, 220).render("A body about the harbour.").html).toContain("harbour");
    expect(read.rendered).toBe(1);
  });

  it.each([
    ["emptied", () => Buffer.alloc(0)],
    ["garbled from the start", (b: Buffer) => Buffer.from(b).fill(0x2a, 0, 64)],
  ])("is an empty cache, with a notice, when the file was %s", async (_name, damage) => {
    const file = join(tempDir(), "markdown.cache");
    await writeMarkdownCache(file, rendered("One.", "Two."));
    writeFileSync(file, damage(readFileSync(file)));
    const notices: string[] = [];
    expect((await readMarkdownCache(file, "", (line) => notices.push(line))).markdown.size).toBe(0);
    expect(notices).toEqual([`Markdown cache ${file} is damaged (not a cache file): every body is rendered again`]);
  });

  it("says nothing when the file is missing or from another version of the code", async () => {
    const file = join(tempDir(), "markdown.cache");
    const notices: string[] = [];
    await readMarkdownCache(file, "v1", (line) => notices.push(line));
    const cache = rendered("One.");
    cache.version = "v0";
    await writeMarkdownCache(file, cache);
    await readMarkdownCache(file, "v1", (line) => notices.push(line));
    expect(notices).toEqual([]);
  });

  it("is an empty cache when the file holds something else", async () => {
    const file = join(tempDir(), "markdown.cache");
    writeFileSync(file, "version\tv1\nkey\t{}\n");
    expect((await readMarkdownCache(file, "v1", () => undefined)).markdown.size).toBe(0);
  });
});

describe("loadContent with a cache", () => {
  const files = {
    "a.md": articleFile({ title: "Alpha", date: "2025-08-15T09:00:00Z", tags: ["One"] }, "Alpha body."),
    "b.md": articleFile({ title: "Beta", date: "2025-08-15T10:00:00Z", tags: ["One"] }, "Beta body."),
  };
  async function site() {
    const s = await makeSite(files);
    cleanups.push(s.remove);
    return s;
  }

  it("re-uses parsed files on a second load", async () => {
    const s = await site();
    const cache = emptyCache();
    const first = await loadContent({ contentDir: s.content, root: s.root, cache });
    expect(cache.rendered).toBe(2);
    const second = await loadContent({ contentDir: s.content, root: s.root, cache });
    expect(cache.rendered).toBe(0);
    // The very same parsed articles, not parsed again.
    expect(second.articles).toEqual(first.articles);
    expect(second.articles[0]).toBe(first.articles[0]);
  });

  it("reads a file again when it changed between loads", async () => {
    const s = await site();
    const cache = emptyCache();
    await loadContent({ contentDir: s.content, root: s.root, cache });
    writeFileSync(
      join(s.content, "articles", "b.md"),
      articleFile({ title: "Beta, revised", date: "2025-08-15T10:00:00Z", tags: ["One"] }, "Beta body, longer now."),
    );
    const second = await loadContent({ contentDir: s.content, root: s.root, cache });
    expect(cache.rendered).toBe(1);
    expect(second.articles.map((a) => a.title)).toEqual(["Alpha", "Beta, revised"]);
    expect(second.articles[1]!.bodyHtml).toBe("<p>Beta body, longer now.</p>\n");
  });

  it("parses every file again when the settings changed", async () => {
    const s = await site();
    const cache = emptyCache();
    await loadContent({ contentDir: s.content, root: s.root, cache });
    const settings = JSON.parse(readFileSync(join(s.content, "_data", "site.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(
      join(s.content, "_data", "site.json"),
      JSON.stringify({ ...settings, timeZone: "Pacific/Kiritimati" }),
    );
    const second = await loadContent({ contentDir: s.content, root: s.root, cache });
    // 10:00Z is the next day at UTC+14: only a new parse knows.
    expect(second.articles.map((a) => a.url)).toEqual(["/2025/08/15/a/", "/2025/08/16/b/"]);
    // Bodies came from the Markdown cache; the files were parsed again (new objects).
    expect(cache.rendered).toBe(0);
    expect(cache.used.size).toBe(2);
  });

  it("takes a file named unchanged from the cache without looking, even if it changed (by design: the watcher vouches for it)", async () => {
    const s = await site();
    const cache = emptyCache();
    await loadContent({ contentDir: s.content, root: s.root, cache });
    const b = join(s.content, "articles", "b.md");
    writeFileSync(
      b,
      articleFile({ title: "Beta, revised", date: "2025-08-15T10:00:00Z", tags: ["One"] }, "Beta body, longer now."),
    );
    const trusted = await loadContent({ contentDir: s.content, root: s.root, cache, unchanged: () => true });
    expect(trusted.articles.map((a) => a.title)).toEqual(["Alpha", "Beta"]);
    expect(cache.rendered).toBe(0);
    // Once the watcher reports the file, it is read again.
    const reported = await loadContent({ contentDir: s.content, root: s.root, cache, unchanged: (path) => path !== b });
    expect(reported.articles.map((a) => a.title)).toEqual(["Alpha", "Beta, revised"]);
  });

  it("reads a file named unchanged that the cache does not hold", async () => {
    const s = await site();
    const content = await loadContent({
      contentDir: s.content,
      root: s.root,
      cache: emptyCache(),
      unchanged: () => true,
    });
    expect(content.articles.map((a) => a.title)).toEqual(["Alpha", "Beta"]);
  });
});
