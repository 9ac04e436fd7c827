// The search page's browser script: its pure parts (query string, Pagefind arguments, merging shards, status, excerpts).
import { describe, expect, it } from "vitest";
import {
  excerptParts,
  isEmpty,
  mergeResults,
  queryFromState,
  searchArguments,
  stateFromQuery,
  statusText,
} from "../../layouts/assets/search-page.js";

describe("stateFromQuery and queryFromState", () => {
  it.each([
    { query: "", want: { q: "", tag: "", source: "", sort: "relevance" }, back: "" },
    { query: "?q=harbour", want: { q: "harbour", tag: "", source: "", sort: "relevance" }, back: "?q=harbour" },
    {
      query: "?q=++two+words++&sort=oldest",
      want: { q: "two words", tag: "", source: "", sort: "oldest" },
      back: "?q=two+words&sort=oldest",
    },
    {
      query: "?tag=S%C3%A3o+Marcos&source=Courier+%26+Co&sort=newest",
      want: { q: "", tag: "São Marcos", source: "Courier & Co", sort: "newest" },
      back: "?tag=S%C3%A3o+Marcos&source=Courier+%26+Co&sort=newest",
    },
    // An unknown order falls back to relevance rather than failing.
    { query: "?q=x&sort=random", want: { q: "x", tag: "", source: "", sort: "relevance" }, back: "?q=x" },
  ])("$query", ({ query, want, back }) => {
    expect(stateFromQuery(query)).toEqual(want);
    expect(queryFromState(want)).toBe(back);
  });
});

describe("searchArguments", () => {
  const state = { q: "harbour", tag: "", source: "", sort: "relevance" };
  it.each([
    { state, want: { term: "harbour", options: { filters: {} } } },
    {
      state: { ...state, sort: "newest" },
      want: { term: "harbour", options: { filters: {}, sort: { date: "desc" } } },
    },
    {
      state: { ...state, sort: "oldest", tag: "Transport" },
      want: { term: "harbour", options: { filters: { tag: ["Transport"] }, sort: { date: "asc" } } },
    },
    // Without words there is nothing to rank: the newest come first.
    {
      state: { ...state, q: "", source: "Courier" },
      want: { term: null, options: { filters: { source: ["Courier"] }, sort: { date: "desc" } } },
    },
  ])("$state", ({ state, want }) => {
    expect(searchArguments(state)).toEqual(want);
  });

  it("calls a search empty only without words, tag and source", () => {
    expect(isEmpty({ q: "", tag: "", source: "", sort: "newest" })).toBe(true);
    expect(isEmpty({ q: "", tag: "x", source: "", sort: "relevance" })).toBe(false);
  });
});

describe("statusText", () => {
  const state = { q: "harbour", tag: "", source: "", sort: "relevance" };
  it.each([
    { count: 0, state, want: "No results for “harbour”" },
    { count: 1, state, want: "1 result for “harbour”" },
    { count: 3, state, want: "3 results for “harbour”" },
    { count: 1234, state, want: "1,234 results for “harbour”" },
    { count: 2, state: { ...state, q: "", tag: "Transport" }, want: "2 results" },
  ])("$count → $want", ({ count, state, want }) => {
    expect(statusText(count, state, "en")).toBe(want);
  });
});

describe("excerptParts", () => {
  it.each([
    { excerpt: "", want: [] },
    { excerpt: "plain text", want: [{ text: "plain text", mark: false }] },
    {
      excerpt: "the <mark>harbour</mark> front and <mark>Harbour.</mark>",
      want: [
        { text: "the ", mark: false },
        { text: "harbour", mark: true },
        { text: " front and ", mark: false },
        { text: "Harbour.", mark: true },
      ],
    },
    // Pagefind escapes the indexed text's < and >, so author text never becomes markup; & stays as it is.
    {
      excerpt: "Fish & chips &lt;script&gt;alert(1)&lt;/script&gt; &lt;mark&gt;x&lt;/mark&gt; <mark>São</mark>",
      want: [
        { text: "Fish & chips <script>alert(1)</script> <mark>x</mark> ", mark: false },
        { text: "São", mark: true },
      ],
    },
  ])("$excerpt", ({ excerpt, want }) => {
    expect(excerptParts(excerpt)).toEqual(want);
  });
});

describe("mergeResults", () => {
  const state = (q: string, sort: string) => ({ q, tag: "", source: "", sort });
  // Shards newest first; within a shard Pagefind's sorted order, with its scores (a rank within the shard).
  const newer = [
    { id: "n1", score: 1 },
    { id: "n0", score: 0 },
  ];
  const older = [
    { id: "o2", score: 2 },
    { id: "o1", score: 1 },
    { id: "o0", score: 0 },
  ];
  const ids = (list: { id: string }[]) => list.map((r) => r.id);

  it.each([
    { sort: "newest", q: "harbour", want: ["n1", "n0", "o2", "o1", "o0"] },
    // Without words, "best match" lists the newest first too.
    { sort: "relevance", q: "", want: ["n1", "n0", "o2", "o1", "o0"] },
  ])("joins the shards newest shard first for $sort with q=“$q”, whatever the scores", ({ sort, q, want }) => {
    expect(ids(mergeResults([newer, older], state(q, sort)))).toEqual(want);
  });

  it("joins the shards oldest shard first for oldest first", () => {
    const asc = [
      [
        { id: "n0", score: 0 },
        { id: "n1", score: -1 },
      ],
      [
        { id: "o0", score: 0 },
        { id: "o1", score: -1 },
      ],
    ];
    expect(ids(mergeResults(asc, state("harbour", "oldest")))).toEqual(["o0", "o1", "n0", "n1"]);
  });

  it("sorts best matches by score, keeping the earlier list's result first on a tie", () => {
    const lists = [
      [
        { id: "a", score: 0.5 },
        { id: "b", score: 0.2 },
      ],
      [
        { id: "c", score: 0.9 },
        { id: "d", score: 0.5 },
      ],
    ];
    expect(ids(mergeResults(lists, state("harbour", "relevance")))).toEqual(["c", "a", "d", "b"]);
  });

  it("gives nothing for no shards and for empty ones", () => {
    expect(mergeResults([], state("harbour", "newest"))).toEqual([]);
    expect(mergeResults([[], []], state("harbour", "relevance"))).toEqual([]);
  });
});
