// The tag and source counts written beside the shards' manifest: what Pagefind's merged filters would count.
import { describe, expect, it } from "vitest";
import { facetCounts } from "../../src/search/facets.ts";

describe("facetCounts", () => {
  it.each([
    { name: "no articles", articles: [], want: {} },
    {
      name: "one article per value, each counted once, a missing source counted nowhere",
      articles: [
        { tag: ["Rail", "Jobs"], source: ["Coast FM"] },
        { tag: ["Rail", "Rail"], source: [] },
        { tag: ["São Marcos"], source: ["Coast FM"] },
      ],
      want: { source: { "Coast FM": 2 }, tag: { Jobs: 1, Rail: 2, "São Marcos": 1 } },
    },
    {
      name: "a filter no article has a value of",
      articles: [{ tag: [], source: ["Coast FM"] }],
      want: { source: { "Coast FM": 1 } },
    },
  ])("$name", ({ articles, want }) => {
    expect(facetCounts(articles)).toEqual(want);
  });

  it("writes names and values in one order whatever the articles' order, so the file is stable", () => {
    const a = [
      { tag: ["b", "a"], source: ["z"] },
      { source: ["y"], tag: ["c"] },
    ];
    const text = JSON.stringify(facetCounts(a));
    expect(JSON.stringify(facetCounts([...a].reverse()))).toBe(text);
    expect(text).toBe('{"source":{"y":1,"z":1},"tag":{"a":1,"b":1,"c":1}}');
  });
});
