// The search page's browser script: its pure parts (query string, Pagefind arguments, merging shards, status, excerpts).
import { describe, expect, it } from "vitest";
import {
  bestMatches,
  excerptParts,
  isEmpty,
  orderResults,
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

describe("orderResults, sorted, over shards without an overlay", () => {
  const state = (q: string, sort: string) => ({ q, tag: "", source: "", sort });
  const shards = [
    { path: "2025-09/", from: "2025-09-01", to: "2025-09-30" },
    { path: "2025-08/", from: "2025-08-01", to: "2025-08-31" },
    { path: "2025-07/", from: "2025-07-01", to: "2025-07-31" },
  ];
  // Within a shard Pagefind's sorted order, with its scores (a rank within the shard): never compared.
  const lists = [
    [
      { id: "s1", score: 1 },
      { id: "s0", score: 0 },
    ],
    [
      { id: "n1", score: 1 },
      { id: "n0", score: 0 },
    ],
    [
      { id: "o2", score: 2 },
      { id: "o1", score: 1 },
      { id: "o0", score: 0 },
    ],
  ];
  /** A sorted search whose shards are asked through `resultsOf`, each ask noted in `asked`. */
  const search = (counts?: Record<string, number>, results = lists) => {
    const asked: number[] = [];
    const resultsOf = async (at: number) => {
      asked.push(at);
      return results[at] ?? [];
    };
    return { asked, search: { count: results.flat().length, counts, resultsOf } };
  };
  const noTime = async () => {
    throw new Error("no time is read without a delta");
  };
  const ids = (list: { id: string }[]) => list.map((r) => r.id);

  it.each([
    { sort: "newest", q: "harbour", want: ["s1", "s0", "n1", "n0", "o2"] },
    // Without words, "best match" lists the newest first too.
    { sort: "relevance", q: "", want: ["s1", "s0", "n1", "n0", "o2"] },
  ])("joins the shards newest shard first for $sort with q=“$q”, whatever the scores", async ({ sort, q, want }) => {
    const { asked, search: s } = search();
    const order = orderResults(s, shards, state(q, sort), noTime);
    expect(order.count).toBe(7);
    expect(ids(await order.take(5))).toEqual(want);
    // The oldest shard is asked only once the list reaches it.
    expect(asked).toEqual([0, 1, 2]);
  });

  it("asks only the shards the first page needs", async () => {
    const { asked, search: s } = search();
    expect(ids(await orderResults(s, shards, state("harbour", "newest"), noTime).take(3))).toEqual(["s1", "s0", "n1"]);
    expect(asked).toEqual([0, 1]);
  });

  it("never asks a shard the merged search's shard facet counts no result in", async () => {
    const { asked, search: s } = search({ "2025-09/": 0, "2025-08/": 2, "2025-07/": 3 }, [
      [],
      lists[1] ?? [],
      lists[2] ?? [],
    ]);
    expect(ids(await orderResults(s, shards, state("harbour", "newest"), noTime).take(3))).toEqual(["n1", "n0", "o2"]);
    expect(asked).toEqual([1, 2]);
  });

  it("joins the shards oldest shard first for oldest first, to the end", async () => {
    const asc = [
      [{ id: "s0", score: 0 }],
      [
        { id: "n0", score: 0 },
        { id: "n1", score: -1 },
      ],
      [{ id: "o0", score: 0 }],
    ];
    const { asked, search: s } = search(undefined, asc);
    const order = orderResults(s, shards, state("harbour", "oldest"), noTime);
    expect(ids(await order.take(10))).toEqual(["o0", "n0", "n1", "s0"]);
    expect(await order.take(10)).toEqual([]);
    expect(asked).toEqual([2, 1, 0]);
  });

  it("gives nothing for no shards and for empty ones", async () => {
    expect(await orderResults(search(undefined, []).search, [], state("harbour", "newest"), noTime).take(10)).toEqual(
      [],
    );
    expect(
      await orderResults(search(undefined, [[], []]).search, shards, state("", "newest"), noTime).take(10),
    ).toEqual([]);
  });
});

describe("bestMatches", () => {
  const plain = [{ path: "2025-08/", from: "", to: "" }];
  it("keeps Pagefind's merged order by score and counts every result", async () => {
    const results = [
      { id: "c", score: 0.9 },
      { id: "a", score: 0.5 },
      { id: "d", score: 0.5 },
    ];
    const best = bestMatches(results, plain);
    expect(best.count).toBe(3);
    expect((await best.take(2)).map((r) => r.id)).toEqual(["c", "a"]);
    expect((await best.take(2)).map((r) => r.id)).toEqual(["d"]);
    expect(bestMatches([], []).count).toBe(0);
  });

  it("drops the superseded results, but keeps once a fragment the delta holds unchanged", async () => {
    const bundles = [
      {
        path: "2025-08/",
        from: "",
        to: "",
        superseded: [
          ["x", {}],
          ["same", {}],
        ] as [string, Record<string, string[]>][],
      },
      {
        path: "delta/",
        from: "",
        to: "",
        overlay: [
          ["x2", "2025-08-02"],
          ["same", "2025-08-03"],
        ] as [string, string][],
      },
    ];
    const results = ["same", "x", "a", "x2", "same"].map((id, at) => ({ id, score: 5 - at }));
    const best = bestMatches(results, bundles);
    expect(best.count).toBe(3);
    expect((await best.take(10)).map((r) => r.id)).toEqual(["same", "a", "x2"]);
  });
});

describe("orderResults under the edit overlay", () => {
  const state = (sort: string, q = "harbour") => ({ q, tag: "", source: "", sort });
  /** A result with its instant (what timeOf reads from its data). */
  const r = (id: string, at: string, score = 1) => ({ id, score, at });
  // Two shards newest first, then the delta; the delta supersedes n2 (edited) and o1 (deleted).
  const bundles = [
    {
      path: "2025-08/",
      from: "2025-08-01",
      to: "2025-08-31",
      superseded: [["n2", {}]] as [string, Record<string, string[]>][],
    },
    {
      path: "2025-07/",
      from: "2025-07-01",
      to: "2025-07-31",
      superseded: [["o1", {}]] as [string, Record<string, string[]>][],
    },
    {
      path: "delta/",
      from: "2025-07-10",
      to: "2025-09-01",
      overlay: [
        ["d-jul", "2025-07-10"],
        ["d-aug", "2025-08-20"],
        ["d-sep", "2025-09-01"],
      ] as [string, string][],
    },
  ];
  const newer = [r("n1", "2025-08-30", 2), r("n2", "2025-08-25", 5), r("n3", "2025-08-10", 1)];
  const older = [r("o1", "2025-07-20", 3), r("o2", "2025-07-15", 1), r("o3", "2025-07-05", 4)];
  const delta = [r("d-aug", "2025-08-20", 6), r("d-sep", "2025-09-01", 0), r("d-jul", "2025-07-10", 2)];
  const reads: string[] = [];
  const timeOf = async (result: { id: string; at: string }) => {
    reads.push(result.id);
    return result.at;
  };
  const sorted = (lists: (typeof newer)[]) => ({
    count: 7,
    counts: undefined,
    resultsOf: async (at: number) => lists[at] ?? [],
  });
  const all = async (order: { count: number; take(n: number): Promise<{ id: string }[]> }) => {
    const ids: string[] = [];
    for (let batch = await order.take(2); batch.length > 0; batch = await order.take(2))
      ids.push(...batch.map((x) => x.id));
    return ids;
  };

  it("drops what the delta supersedes and puts the delta's results in by time, newest first", async () => {
    reads.length = 0;
    const order = orderResults(sorted([newer, older, delta]), bundles, state("newest"), timeOf);
    expect(order.count).toBe(7);
    expect(await all(order)).toEqual(["d-sep", "n1", "d-aug", "n3", "o2", "d-jul", "o3"]);
    // A shard's result's time is read only where a delta result falls within its shard's span.
    expect(reads.sort()).toEqual(["n1", "n3", "o2", "o3"]);
  });

  it("does the same oldest first", async () => {
    const asc = orderResults(
      sorted([[...newer].reverse(), [...older].reverse(), delta]),
      bundles,
      state("oldest"),
      timeOf,
    );
    expect(await all(asc)).toEqual(["o3", "d-jul", "o2", "n3", "d-aug", "n1", "d-sep"]);
  });

  it("gives best matches by score over every bundle, without the superseded ones", async () => {
    const merged = [...newer, ...older, ...delta].sort((a, b) => b.score - a.score);
    expect(await all(bestMatches(merged, bundles))).toEqual(["d-aug", "o3", "n1", "d-jul", "n3", "o2", "d-sep"]);
  });

  it("hands out each result once when asked twice at the same time", async () => {
    const order = orderResults(sorted([newer, older, delta]), bundles, state("newest"), timeOf);
    const [a, b] = await Promise.all([order.take(4), order.take(4)]);
    expect([...(a ?? []), ...(b ?? [])].map((x) => x.id)).toEqual(["d-sep", "n1", "d-aug", "n3", "o2", "d-jul", "o3"]);
  });
});
