import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article.ts";
import { localDay } from "../../src/content/dates.ts";
import { groupTerms } from "../../src/digest/taxonomy.ts";
import { articleUrl } from "../../src/digest/urls.ts";

/** An Article with only what grouping needs; `name` gives its file and slug. */
function article(name: string, iso: string, tags: string[], source?: string): Article {
  const date = DateTime.fromISO(iso, { setZone: true });
  const day = localDay(date, "UTC");
  return {
    file: `content/articles/${name}.md`,
    slug: name,
    url: articleUrl(day, name),
    day,
    title: name,
    date,
    tags,
    summary: "",
    bodyHtml: "",
    firstParagraph: "",
    draft: false,
    ...(source === undefined ? {} : { source }),
  };
}
const byTags = (a: Article) => a.tags;
const bySource = (a: Article) => (a.source === undefined ? [] : [a.source]);
/** Terms as [label, slug, article names], the shape most cases assert on. */
const summary = (articles: Article[], namesOf = byTags) =>
  groupTerms(articles, namesOf, "tags").terms.map((t) => [t.label, t.slug, t.articles.map((a) => a.slug)]);

describe("groupTerms", () => {
  it.each([
    { name: "no articles", articles: [], want: [] },
    { name: "articles without tags", articles: [article("a", "2025-08-15T10:00:00Z", [])], want: [] },
    {
      name: "one tag on two articles keeps their order",
      articles: [
        article("new", "2025-08-16T10:00:00Z", ["Ukraine"]),
        article("old", "2025-08-15T10:00:00Z", ["Ukraine"]),
      ],
      want: [["Ukraine", "ukraine", ["new", "old"]]],
    },
    {
      name: "spellings grouped case-insensitively; the most common wins",
      articles: [
        article("a", "2025-08-16T10:00:00Z", ["ukraine"]),
        article("b", "2025-08-15T10:00:00Z", ["Ukraine"]),
        article("c", "2025-08-14T10:00:00Z", ["Ukraine"]),
      ],
      want: [["Ukraine", "ukraine", ["a", "b", "c"]]],
    },
    {
      name: "tied spellings: the alphabetically first (code-unit order) wins",
      articles: [article("a", "2025-08-16T10:00:00Z", ["nato"]), article("b", "2025-08-15T10:00:00Z", ["NATO"])],
      want: [["NATO", "nato", ["a", "b"]]],
    },
    {
      name: "sorted by count, then label",
      articles: [
        article("a", "2025-08-16T10:00:00Z", ["Zebra", "Beta", "Alpha"]),
        article("b", "2025-08-15T10:00:00Z", ["Zebra", "Beta"]),
        article("c", "2025-08-14T10:00:00Z", ["Zebra", "Gamma"]),
      ],
      want: [
        ["Zebra", "zebra", ["a", "b", "c"]],
        ["Beta", "beta", ["a", "b"]],
        ["Alpha", "alpha", ["a"]],
        ["Gamma", "gamma", ["c"]],
      ],
    },
    {
      name: "Unicode: NFC and NFD spellings are one term",
      articles: [
        article("a", "2025-08-16T10:00:00Z", ["São Paulo"]),
        article("b", "2025-08-15T10:00:00Z", ["Sa\u0303o Paulo"]),
      ],
      want: [["Sa\u0303o Paulo", "sao-paulo", ["a", "b"]]],
    },
    {
      name: "Cyrillic",
      articles: [article("a", "2025-08-16T10:00:00Z", ["Київ"]), article("b", "2025-08-15T10:00:00Z", ["КИЇВ"])],
      want: [["КИЇВ", "kiyiv", ["a", "b"]]],
    },
    {
      name: "same-second articles keep the given order",
      articles: [article("x", "2025-08-15T10:00:00Z", ["t"]), article("y", "2025-08-15T13:00:00+03:00", ["t"])],
      want: [["t", "t", ["x", "y"]]],
    },
  ])("$name", ({ articles, want }) => {
    expect(summary(articles)).toEqual(want);
  });

  it("groups sources, skipping articles without one (missing optional field)", () => {
    const articles = [
      article("a", "2025-08-16T10:00:00Z", [], "BBC News"),
      article("b", "2025-08-15T10:00:00Z", []),
      article("c", "2025-08-14T10:00:00Z", [], "bbc news"),
    ];
    expect(summary(articles, bySource)).toEqual([["BBC News", "bbc-news", ["a", "c"]]]);
  });

  it("reports no problem when slugs differ", () => {
    const articles = [article("a", "2025-08-16T10:00:00Z", ["C", "Ukraine", "ukraine"])];
    expect(groupTerms(articles, byTags, "tags").problems).toEqual([]);
  });

  it("reports a slug clash between C++ and C once per name, naming a file that uses it", () => {
    const articles = [
      article("cpp-new", "2025-08-16T10:00:00Z", ["C++"]),
      article("cpp-old", "2025-08-15T10:00:00Z", ["c++"]),
      article("c-lang", "2025-08-14T10:00:00Z", ["C"]),
    ];
    const { terms, problems } = groupTerms(articles, byTags, "tags");
    expect(terms.map((t) => t.slug)).toEqual(["c", "c"]);
    expect(problems).toEqual([
      {
        file: "content/articles/cpp-old.md",
        field: "tags",
        message: '"c++" and "C" would share the URL slug "c"; rename one of them',
      },
      {
        file: "content/articles/c-lang.md",
        field: "tags",
        message: '"C" and "C++" would share the URL slug "c"; rename one of them',
      },
    ]);
  });

  it("reports a clash among three names and uses the given field", () => {
    const articles = [
      article("a", "2025-08-16T10:00:00Z", [], "C#"),
      article("b", "2025-08-15T10:00:00Z", [], "C++"),
      article("c", "2025-08-14T10:00:00Z", [], "C"),
    ];
    const { problems } = groupTerms(articles, bySource, "source");
    expect(problems.map((p) => [p.file, p.field])).toEqual([
      ["content/articles/c.md", "source"],
      ["content/articles/a.md", "source"],
      ["content/articles/b.md", "source"],
    ]);
    expect(problems[0]!.message).toBe('"C" and "C#", "C++" would share the URL slug "c"; rename one of them');
  });

  it("reports accented and plain spellings that slugify alike", () => {
    const articles = [article("a", "2025-08-16T10:00:00Z", ["São Paulo", "Sao Paulo"])];
    expect(groupTerms(articles, byTags, "tags").problems).toHaveLength(2);
  });
});
