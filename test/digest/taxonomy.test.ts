import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article.ts";
import { localDay } from "../../src/content/dates.ts";
import { groupTerms, keptTerms, type TermsMemo } from "../../src/digest/taxonomy.ts";
import { nameKey } from "../../src/content/article.ts";
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

describe("keptTerms", () => {
  const site = () => [
    article("c", "2025-08-16T10:00:00Z", ["Ferries", "Kilns"]),
    article("b", "2025-08-15T10:00:00Z", ["ferries"]),
    article("a", "2025-08-14T10:00:00Z", ["Weather"]),
  ];
  const keep = (articles: Article[], memo: TermsMemo) => keptTerms(articles, byTags, "tags", nameKey, memo);

  it("keeps the very terms when the same articles come again", () => {
    const memo: TermsMemo = {};
    const articles = site();
    const first = keep(articles, memo);
    expect(keep([...articles], memo)).toBe(first);
  });

  it("puts an article read again in its old object's place, and keeps the terms it is not in", () => {
    const memo: TermsMemo = {};
    const articles = site();
    const first = keep(articles, memo);
    const again = { ...articles[1]!, bodyHtml: "<p>Rewritten.</p>" };
    const edited = [articles[0]!, again, articles[2]!];
    const kept = keep(edited, memo);
    expect(kept).toEqual(groupTerms(edited, byTags, "tags"));
    expect(kept.terms.find((t) => t.label === "Ferries")!.articles[1]).toBe(again);
    expect(kept.terms.find((t) => t.label === "Weather")).toBe(first.terms.find((t) => t.label === "Weather"));
  });

  it.each([
    ["a tag renamed", (list: Article[]) => [list[0]!, { ...list[1]!, tags: ["Kilns"] }, list[2]!]],
    ["a spelling changed", (list: Article[]) => [list[0]!, { ...list[1]!, tags: ["FERRIES"] }, list[2]!]],
    ["an article added", (list: Article[]) => [...list, article("z", "2025-08-13T10:00:00Z", ["Kilns"])]],
    ["an article removed", (list: Article[]) => list.slice(1)],
    ["two articles swapped", (list: Article[]) => [list[1]!, list[0]!, list[2]!]],
  ])("groups again after %s, as groupTerms would", (_, edit) => {
    const memo: TermsMemo = {};
    const articles = site();
    keep(articles, memo);
    const edited = edit(articles);
    expect(keep(edited, memo)).toEqual(groupTerms(edited, byTags, "tags"));
  });

  it("groups again after a build whose names clashed, and reports the clash again", () => {
    const memo: TermsMemo = {};
    const clash = [article("a", "2025-08-16T10:00:00Z", ["São Paulo", "Sao Paulo"])];
    expect(keep(clash, memo).problems).toHaveLength(2);
    expect(keep([...clash], memo).problems).toHaveLength(2);
  });
});
