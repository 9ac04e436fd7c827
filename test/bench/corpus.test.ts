// The benchmark corpus: byte-identical for the same options, the requested size, and content the loader accepts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusDefaults, countWords, generateCorpus, generateSettings } from "./corpus.ts";
import { splitFrontMatter } from "../../src/content/front-matter.ts";
import { type Content, loadContent } from "../../src/content/load.ts";
import { makeSite } from "../helpers/fixture.ts";

/** Front matter and body of each generated file, parsed the way the loader splits them. */
function parse(files: { text: string }[]) {
  return files.map(({ text }) => {
    const split = splitFrontMatter(text);
    if (!split.ok) throw new Error(split.message);
    return {
      data: split.data as Record<string, string | string[] | undefined> & { title: string; tags: string[] },
      body: split.body,
    };
  });
}
type File = ReturnType<typeof parse>[number];
const share = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length / items.length;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("generateCorpus options", () => {
  it("gives the same bytes for the same options", () => {
    const a = generateCorpus({ articles: 200, seed: 7 });
    expect(generateCorpus({ articles: 200, seed: 7 })).toEqual(a);
    expect(a.map((f) => f.text).join("")).toBe(
      generateCorpus({ articles: 200, seed: 7 })
        .map((f) => f.text)
        .join(""),
    );
  });

  it("gives a different corpus for a different seed", () => {
    const a = generateCorpus({ articles: 50, seed: 7 });
    const b = generateCorpus({ articles: 50, seed: 8 });
    expect(b).not.toEqual(a);
    expect(b.filter((f, i) => f.text === a[i]?.text)).toEqual([]);
  });

  it("makes a smaller corpus the start of a larger one, so benchmark sizes compare like with like", () => {
    expect(generateCorpus({ articles: 500 }).slice(0, 100)).toEqual(generateCorpus({ articles: 100 }));
  });

  it.each([0, 1, 37])("generates %i files when asked", (articles) => {
    expect(generateCorpus({ articles })).toHaveLength(articles);
  });

  it("generates the default number of files without options", () => {
    expect(generateCorpus()).toHaveLength(corpusDefaults.articles);
  });

  it.each([
    ["a negative count", { articles: -1 }, "articles must be a whole number"],
    ["a start without a zone", { start: "2024-01-01T00:00:00" }, "start must be an ISO 8601 date-time with a zone"],
    ["an empty window", { days: 0 }, "days must be more than 0"],
    ["no outlets", { sources: 0 }, "sources must be a whole number, 1 or more"],
    ["more tags than the word lists give", { tags: 100_000 }, "cannot invent 100000 distinct tags"],
  ])("rejects %s", (_name, options, message) => {
    expect(() => generateCorpus(options)).toThrow(message);
  });

  it("names files YYYY/MM/<slug>-<number>.md, all different, in the month of their date", () => {
    const files = generateCorpus({ articles: 1000 });
    expect(new Set(files.map((f) => f.path)).size).toBe(1000);
    for (const [i, { path, text }] of files.entries()) {
      expect(path).toMatch(new RegExp(`^\\d{4}/\\d{2}/[a-z0-9]+(-[a-z0-9]+)*-${i + 1}\\.md$`));
      expect(text).toContain(`\ndate: "${path.slice(0, 7).replace("/", "-")}-`);
    }
  });

  it("keeps to a small tag vocabulary when asked", () => {
    const tags = parse(generateCorpus({ articles: 200, tags: 3 })).map((f) => f.data.tags);
    expect(new Set(tags.flat()).size).toBeLessThanOrEqual(3);
    expect(Math.max(...tags.map((t) => t.length))).toBeLessThanOrEqual(3);
  });
});

describe("generated articles", () => {
  const files = parse(generateCorpus({ articles: 1000 }));

  it("have bodies of 300-1,200 words in paragraphs of 40-120 words", () => {
    const bodies = files.map((f) => countWords(f.body));
    const paragraphs = files.flatMap((f) =>
      f.body
        .split("\n\n")
        .filter((block) => !/^(#|>|- )/.test(block))
        .map(countWords),
    );
    expect(Math.min(...bodies)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...bodies)).toBeLessThanOrEqual(1200);
    expect(Math.min(...paragraphs)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...paragraphs)).toBeLessThanOrEqual(120);
  });

  it("have headlines of 5-14 words", () => {
    const counts = files.map((f) => countWords(f.data.title));
    expect([Math.min(...counts), Math.max(...counts)]).toEqual([5, 14]);
  });

  it.each([
    ["titles with double quotes", (f: File) => f.data.title.includes('"'), 0.05, 0.2],
    ["titles with an ampersand", (f: File) => f.data.title.includes("&"), 0.05, 0.2],
    ["titles with accented letters", (f: File) => /[éüãøç]/i.test(f.data.title), 0.05, 0.3],
    ["titles with an emoji", (f: File) => /\p{Extended_Pictographic}/u.test(f.data.title), 0.05, 0.2],
    ["bodies with subheads", (f: File) => f.body.includes("\n## "), 0.3, 0.7],
    ["bodies with a quote", (f: File) => f.body.includes("\n> "), 0.3, 0.6],
    ["bodies with a list", (f: File) => f.body.includes("\n- "), 0.3, 0.6],
    ["bodies with links", (f: File) => f.body.includes("](https://"), 0.3, 0.6],
    ["an author", (f: File) => f.data.author !== undefined, 0.7, 0.9],
    ["a summary", (f: File) => f.data.summary !== undefined, 0.6, 0.8],
    ["an update time", (f: File) => f.data.updated !== undefined, 0.05, 0.15],
  ])("include %s in the expected share", (_name, test, min, max) => {
    expect(share(files, test)).toBeGreaterThanOrEqual(min);
    expect(share(files, test)).toBeLessThanOrEqual(max);
  });

  it("draw tags with a Zipf-like frequency: the top tag far more common than the median one", () => {
    const counts = new Map<string, number>();
    for (const tag of files.flatMap((f) => f.data.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(counts.size).toBeLessThanOrEqual(corpusDefaults.tags);
    expect(sorted[0]).toBeGreaterThan(10 * median(sorted));
  });
});

describe("a generated site", () => {
  const generated = generateCorpus({ articles: 300 });
  const start = Date.parse(corpusDefaults.start);
  const end = start + corpusDefaults.days * 86_400_000;
  let content: Content;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    const site = await makeSite(Object.fromEntries(generated.map((f) => [f.path, f.text])), generateSettings());
    remove = site.remove;
    content = await loadContent({ contentDir: site.content, root: site.root });
  });
  afterAll(async () => remove?.());

  it("passes the project's validation with no warnings", () => {
    expect(content.articles).toHaveLength(300);
    expect(content.warnings).toEqual([]);
    expect(content.settings).toMatchObject({
      language: "en-GB",
      timeZone: "Europe/London",
      pageSize: 20,
      relatedCount: 5,
    });
  });

  it("has 1-6 distinct tags on every article", () => {
    for (const article of content.articles) {
      expect(article.tags.length).toBeGreaterThanOrEqual(1);
      expect(article.tags.length).toBeLessThanOrEqual(6);
    }
  });

  it("dates every article inside the window, and updates after the date", () => {
    for (const { date, updated } of content.articles) {
      expect(date.toMillis()).toBeGreaterThanOrEqual(start);
      expect(date.toMillis()).toBeLessThan(end);
      if (updated) expect(updated.toMillis()).toBeGreaterThan(date.toMillis());
    }
  });

  it("reports from 25 distinct outlets, each with an https link of its own", () => {
    expect(new Set(content.articles.map((a) => a.source)).size).toBe(corpusDefaults.sources);
    for (const a of content.articles) expect(a.sourceUrl).toMatch(/^https:\/\/[a-z0-9-]+\.example\//);
  });
});
