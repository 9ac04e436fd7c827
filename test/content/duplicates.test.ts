import { describe, expect, it } from "vitest";
import { duplicateSources, duplicateUrls, normaliseSourceUrl } from "../../src/content/duplicates.ts";
import { formatProblems } from "../../src/content/errors.ts";
import type { Article } from "../../src/content/article.ts";
import { article } from "../helpers/articles.ts";

const at = "2025-08-15T17:05:00Z";
/** An item in `content/<slug>.md` linking to `sourceUrl` (none when undefined). */
const item = (slug: string, sourceUrl?: string) => article(slug, at, sourceUrl === undefined ? {} : { sourceUrl });

describe("normaliseSourceUrl", () => {
  it.each([
    { url: "https://courier.example/story", want: "https://courier.example/story" },
    { url: "HTTPS://Courier.EXAMPLE/story", want: "https://courier.example/story" },
    // Only the scheme and host are case-insensitive; a path may not be.
    { url: "https://courier.example/Story", want: "https://courier.example/Story" },
    { url: "https://courier.example/story/", want: "https://courier.example/story" },
    { url: "https://courier.example/", want: "https://courier.example" },
    { url: "https://courier.example", want: "https://courier.example" },
    { url: "https://courier.example/story#comments", want: "https://courier.example/story" },
    { url: "https://courier.example/story/#top", want: "https://courier.example/story" },
    { url: "https://courier.example/story?utm_source=x&utm_medium=social", want: "https://courier.example/story" },
    { url: "https://courier.example/story?UTM_Campaign=x", want: "https://courier.example/story" },
    {
      url: "https://courier.example/story?id=7&utm_source=x&page=2",
      want: "https://courier.example/story?id=7&page=2",
    },
    { url: "https://courier.example/story?utm_source=x&id=7#c", want: "https://courier.example/story?id=7" },
    // Other parameters may name a different report, and their order and encoding are kept.
    { url: "https://courier.example/story?q=a%20b&id=7", want: "https://courier.example/story?q=a%20b&id=7" },
    { url: "https://courier.example/story?", want: "https://courier.example/story" },
    { url: "https://courier.example:443/story", want: "https://courier.example/story" },
    { url: "http://courier.example/story", want: "http://courier.example/story" },
    { url: "https://courier.example/são-paulo", want: "https://courier.example/s%C3%A3o-paulo" },
    { url: "https://ÜBER.example/", want: "https://xn--ber-goa.example" },
    { url: "  https://courier.example/story  ", want: "https://courier.example/story" },
    { url: "not a url", want: "not a url" },
  ])("$url -> $want", ({ url, want }) => {
    expect(normaliseSourceUrl(url)).toBe(want);
  });
});

describe("duplicateSources", () => {
  it.each([
    { name: "no articles", articles: [] },
    {
      name: "distinct URLs",
      articles: [item("a", "https://courier.example/one"), item("b", "https://courier.example/two")],
    },
    {
      name: "same path on different hosts",
      articles: [item("a", "https://courier.example/story"), item("b", "https://herald.example/story")],
    },
    {
      name: "different non-tracking parameters",
      articles: [item("a", "https://courier.example/story?id=1"), item("b", "https://courier.example/story?id=2")],
    },
    {
      name: "http and https",
      articles: [item("a", "http://courier.example/story"), item("b", "https://courier.example/story")],
    },
    { name: "missing sourceUrl", articles: [item("a"), item("b")] },
    { name: "one with, one without sourceUrl", articles: [item("a", "https://courier.example/story"), item("b")] },
  ])("warns about nothing for $name", ({ articles }) => {
    expect(duplicateSources(articles)).toEqual([]);
  });

  it("warns about both items of a pair that differ only in form", () => {
    const articles = [
      item("a", "https://Courier.example/story/?utm_source=feed#top"),
      item("b", "https://courier.example/story"),
      item("c"),
    ];
    expect(duplicateSources(articles)).toEqual([
      { file: "content/a.md", field: "sourceUrl", message: expect.stringContaining("same report as content/b.md,") },
      { file: "content/b.md", field: "sourceUrl", message: expect.stringContaining("same report as content/a.md,") },
    ]);
  });

  it("names the two others in a three-way duplicate", () => {
    const articles = [
      item("a", "https://courier.example/story"),
      item("b", "https://courier.example/story/"),
      item("c", "https://courier.example/story#x"),
    ];
    expect(formatProblems(duplicateSources(articles))).toMatchInlineSnapshot(`
      "content/a.md: 1 problem
        sourceUrl: links to the same report as content/b.md and content/c.md, so the items may be duplicates; merge them, or keep both if each adds something new.
        See README.md#front-matter

      content/b.md: 1 problem
        sourceUrl: links to the same report as content/a.md and content/c.md, so the items may be duplicates; merge them, or keep both if each adds something new.
        See README.md#front-matter

      content/c.md: 1 problem
        sourceUrl: links to the same report as content/a.md and content/b.md, so the items may be duplicates; merge them, or keep both if each adds something new.
        See README.md#front-matter"
    `);
  });

  it("names three others with commas", () => {
    const articles = ["a", "b", "c", "d"].map((slug) => item(slug, "https://courier.example/story"));
    expect(duplicateSources(articles)[0]?.message).toMatchInlineSnapshot(
      `"links to the same report as content/b.md, content/c.md and content/d.md, so the items may be duplicates; merge them, or keep both if each adds something new."`,
    );
  });

  it("keeps separate groups apart", () => {
    const articles = [
      item("a", "https://x.example/1"),
      item("b", "https://y.example/2"),
      item("c", "https://x.example/1"),
      item("d", "https://y.example/2"),
    ];
    expect(duplicateSources(articles).map((w) => [w.file, w.message.match(/content\/\w\.md/g)])).toEqual([
      ["content/a.md", ["content/c.md"]],
      ["content/b.md", ["content/d.md"]],
      ["content/c.md", ["content/a.md"]],
      ["content/d.md", ["content/b.md"]],
    ]);
  });
});

describe("duplicateUrls", () => {
  it("names, for each article whose URL another gives too, every other one; none when the URLs differ", () => {
    const [a, b, c, d] = ["a", "b", "c", "d"].map((slug) => item(slug)) as [Article, Article, Article, Article];
    const same = (x: Article, file: string) => ({ ...x, url: "/2025/08/15/same/", file });
    const problems = duplicateUrls([
      same(a, "content/articles/a.md"),
      b,
      same(c, "content/articles/c.md"),
      same(d, "content/articles/d.md"),
    ]);
    expect(problems.map((p) => [p.file, p.field])).toEqual([
      ["content/articles/a.md", "slug"],
      ["content/articles/c.md", "slug"],
      ["content/articles/d.md", "slug"],
    ]);
    expect(problems[0]?.message).toContain("content/articles/c.md and content/articles/d.md also gives");
    expect(duplicateUrls([a, b, c, d])).toEqual([]);
  });
});
