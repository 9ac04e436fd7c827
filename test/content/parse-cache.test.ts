// Parsed articles saved between production builds: a build that takes them equals one that parses.
import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article.ts";
import { type Content, loadContent } from "../../src/content/load.ts";
import { type LoadCache, readMarkdownCache, emptyCache, writeMarkdownCache } from "../../src/content/markdown-cache.ts";
import {
  emptyParseCache,
  keyByStat,
  parseKey,
  readParseCache,
  settingsHash,
  writeParseCache,
} from "../../src/content/parse-cache.ts";
import { htmlOf } from "../../src/content/stored-html.ts";
import { statText } from "../../src/publish/cache-file.ts";
import { articleFile, fixtureSettings, makeSite } from "../helpers/fixture.ts";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const files = {
  "a.md": articleFile(
    {
      title: "Ferry timetable",
      date: "2025-03-30T00:30",
      updated: "2025-03-30T09:00:00+05:30",
      expires: "2025-12-01",
      corrections: [{ date: "2025-03-31T08:00:00Z", text: "The first sailing is at six." }],
      tags: ["Harbour", "harbour", "Ferries"],
      source: "Eastmere Gazette",
      story: "ferry-timetable",
      colour: "blue",
    },
    "# Sailings\n\nThe *new* timetable starts on Sunday.",
  ),
  "b.md": articleFile({ title: "Market day", date: "2025-03-29", summary: "Stalls return." }, "Stalls, again."),
};
const settings = { ...fixtureSettings, timeZone: "Europe/London" };

async function site(extra: Record<string, string> = {}) {
  const s = await makeSite({ ...files, ...extra }, settings);
  cleanups.push(() => s.remove());
  return s;
}

/** A load as a production build does it: both caches read from `dir`, then saved there. */
async function build(s: { content: string; root: string }, dir: string, notices: string[] = []) {
  const notice = (line: string) => notices.push(line);
  const cache: LoadCache = await readMarkdownCache(join(dir, "markdown.cache"), "v1", notice);
  const parses = await readParseCache(join(dir, "parse.cache"), "v1", notice);
  cache.parses = parses;
  let content: Content | undefined;
  let error: unknown;
  try {
    content = await loadContent({ contentDir: s.content, root: s.root, cache });
  } catch (e) {
    error = e;
  }
  await writeMarkdownCache(join(dir, "markdown.cache"), cache);
  await writeParseCache(join(dir, "parse.cache"), parses);
  return { content, error, cache, parses };
}

/** An article with its dates as text and zone names and its body read, so that two loads compare field by field. */
const plain = (a: Article) => ({
  ...a,
  bodyHtml: htmlOf(a.bodyHtml),
  date: [a.date.toISO(), a.date.zone.name],
  updated: a.updated && [a.updated.toISO(), a.updated.zone.name],
  expires: a.expires && [a.expires.toISO(), a.expires.zone.name],
  corrections: a.corrections?.map((c) => ({ ...c, date: [c.date.toISO(), c.date.zone.name] })),
});

describe("the parse cache", () => {
  it("gives a second build the same articles and warnings without parsing or rendering a file", async () => {
    const s = await site({ "c.md": "---\ntitle: [unclosed\n---\nBody" });
    const dir = join(s.root, ".cache");
    const first = await build(s, dir);
    const again = await build(s, dir);
    expect(first.parses.added).toBe(2);
    expect(again.parses.added).toBe(0);
    expect(again.parses.used.size).toBe(2);
    // The broken file is read every time (its errors are not saved); the two good ones are not.
    expect(again.parses.used.has([...first.parses.used.keys()][0]!)).toBe(true);
    expect(String(again.error)).toBe(String(first.error));
    const clean = await build(s, join(s.root, ".clean"));
    expect(String(clean.error)).toBe(String(first.error));
  });

  it("restores dates in their zones, tags, stories and warnings exactly", async () => {
    const s = await site();
    const dir = join(s.root, ".cache");
    const first = (await build(s, dir)).content!;
    const second = await build(s, dir);
    expect(second.parses.used.size).toBe(2);
    expect(second.cache.rendered).toBe(0);
    const content = second.content!;
    expect(content.articles.map(plain)).toEqual(first.articles.map(plain));
    expect(content.articles[0]!.date.zone.name).toBe("Europe/London");
    expect(content.articles[0]!.updated!.zone.name).toBe("UTC+5:30");
    // Warnings are told on every build, cached file or not.
    expect(content.warnings).toEqual(first.warnings);
    expect(content.warnings.map((w) => w.field)).toContain("colour");
  });

  it("parses again a changed file, and every file when the settings change", async () => {
    const s = await site();
    const dir = join(s.root, ".cache");
    await build(s, dir);
    writeFileSync(join(s.content, "articles", "b.md"), articleFile({ title: "Market week", date: "2025-03-29" }));
    const edited = await build(s, dir);
    expect(edited.parses.added).toBe(1);
    expect(edited.content!.articles.map((a) => a.title)).toContain("Market week");
    writeFileSync(join(s.content, "_data", "site.json"), JSON.stringify({ ...settings, timeZone: "Asia/Tokyo" }));
    const rezoned = await build(s, dir);
    expect(rezoned.parses.added).toBe(2);
    expect(rezoned.content!.articles.find((a) => a.title === "Market week")!.date.zone.name).toBe("Asia/Tokyo");
  });

  it("gives a problem found after parsing (a duplicate URL) its line in a cached file too", async () => {
    const s = await site();
    const dir = join(s.root, ".cache");
    await build(s, dir);
    const twin = articleFile({ title: "Twin", date: "2025-03-29", slug: "b" }, "Twin body.");
    writeFileSync(join(s.content, "articles", "twin.md"), twin);
    const cached = await build(s, dir);
    const clean = await build(s, join(s.root, ".clean"));
    expect(cached.parses.added).toBe(1);
    expect(String(cached.error)).toContain("gives the URL");
    expect(String(cached.error)).toBe(String(clean.error));
  });

  it("finds a file's parse by its stat, once the file changed well before the cache was written", async () => {
    const s = await site();
    const dir = join(s.root, ".cache");
    await build(s, dir);
    const path = join(dir, "parse.cache");
    const file = join(s.content, "articles", "b.md");
    const settings = settingsHash(JSON.stringify((await build(s, dir)).content!.settings));
    // Just written: a write right after the read might not show in the stat, so the bytes decide.
    const fresh = await readParseCache(path, "v1");
    expect(keyByStat(fresh, settings, "content/articles/b.md", statText(statSync(file)))).toBeUndefined();
    const later = Date.now() / 1000 + 60;
    utimesSync(path, later, later);
    const settled = await readParseCache(path, "v1");
    const key = keyByStat(settled, settings, "content/articles/b.md", statText(statSync(file)));
    expect(key).toBe(parseKey(settings, "content/articles/b.md", readFileSync(file)));
    // Any write changes the stat: the bytes decide again.
    writeFileSync(file, readFileSync(file));
    expect(keyByStat(settled, settings, "content/articles/b.md", statText(statSync(file)))).toBeUndefined();
    expect(keyByStat(settled, "other settings", "content/articles/b.md", statText(statSync(file)))).toBeUndefined();
  });

  it("is not written again when a build used exactly what it holds", async () => {
    const s = await site();
    const dir = join(s.root, ".cache");
    await build(s, dir);
    const before = statSync(join(dir, "parse.cache"));
    await build(s, dir);
    // Another write would be another file, renamed into place.
    expect(statSync(join(dir, "parse.cache")).ino).toBe(before.ino);
    writeFileSync(join(s.content, "articles", "b.md"), articleFile({ title: "Market week", date: "2025-03-29" }));
    await build(s, dir);
    expect(statSync(join(dir, "parse.cache")).ino).not.toBe(before.ino);
  });

  it.each([
    ["emptied", () => Buffer.alloc(0), 1],
    ["truncated", (b: Buffer) => b.subarray(0, b.length - 10), 1],
    ["garbled", (b: Buffer) => Buffer.from(b).fill(0x41, b.length - 30, b.length - 24), 1],
    ["replaced", () => Buffer.from("not a cache at all"), 1],
  ])("%s: the articles it lost are parsed again, with a one-line notice", async (_name, damage, told) => {
    const s = await site();
    const dir = join(s.root, ".cache");
    const first = (await build(s, dir)).content!;
    const path = join(dir, "parse.cache");
    writeFileSync(path, damage(readFileSync(path)));
    const notices: string[] = [];
    const again = await build(s, dir, notices);
    expect(notices).toHaveLength(told);
    for (const line of notices) expect(line).toMatch(/^Parse cache .* is damaged \(.*\): .* read again$/);
    expect(again.parses.added).toBe(2);
    expect(again.content!.articles.map(plain)).toEqual(first.articles.map(plain));
  });

  it("an empty cache for other code, without a notice", async () => {
    const s = await site();
    const dir = join(s.root, ".cache");
    await build(s, dir);
    const notices: string[] = [];
    const other = await readParseCache(join(dir, "parse.cache"), "v2", (line) => notices.push(line));
    expect(other.entries.size).toBe(0);
    expect(notices).toEqual([]);
    expect(emptyParseCache("v2")).toEqual({ ...other, entries: new Map() });
    expect(emptyCache().parses).toBeUndefined();
  });
});
