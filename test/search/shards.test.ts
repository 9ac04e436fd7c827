// Cutting the index into shards: whole months packed oldest first, big months cut, the manifest newest first.
import { describe, expect, it } from "vitest";
import { contentHash, planShards, shardEntries } from "../../src/search/shards.ts";

/** Items are their own instants. */
const at = (item: string) => item;
const plan = (items: string[], size: number) =>
  planShards(items, at, { size }).map((shard) => [shard.id, shard.items] as const);

describe("planShards", () => {
  it.each([
    { name: "no items: no shards", items: [], size: 3, want: [] },
    {
      name: "months packed oldest first while they fit, whatever order the items came in",
      items: [
        "2025-03-01T00:00:00.000Z",
        "2025-01-05T00:00:00.000Z",
        "2025-02-01T00:00:00.000Z",
        "2025-01-01T00:00:00.000Z",
      ],
      size: 3,
      want: [
        ["2025-01", ["2025-01-01T00:00:00.000Z", "2025-01-05T00:00:00.000Z", "2025-02-01T00:00:00.000Z"]],
        ["2025-03", ["2025-03-01T00:00:00.000Z"]],
      ],
    },
    {
      name: "a month never split while it fits: the next shard starts with it",
      items: ["2025-01-01T00:00:00.000Z", "2025-02-01T00:00:00.000Z", "2025-02-02T00:00:00.000Z"],
      size: 2,
      want: [
        ["2025-01", ["2025-01-01T00:00:00.000Z"]],
        ["2025-02", ["2025-02-01T00:00:00.000Z", "2025-02-02T00:00:00.000Z"]],
      ],
    },
    {
      name: "a month over the size cut in pieces, oldest first",
      items: [
        "2025-01-03T00:00:00.000Z",
        "2025-01-01T00:00:00.000Z",
        "2025-01-02T00:00:00.000Z",
        "2025-02-01T00:00:00.000Z",
      ],
      size: 2,
      want: [
        ["2025-01", ["2025-01-01T00:00:00.000Z", "2025-01-02T00:00:00.000Z"]],
        ["2025-01.2", ["2025-01-03T00:00:00.000Z"]],
        ["2025-02", ["2025-02-01T00:00:00.000Z"]],
      ],
    },
    {
      // 23:30 on 31 January in New York is already February in UTC: the month is UTC's.
      name: "months are UTC months",
      items: ["2025-02-01T04:30:00.000Z", "2025-01-31T23:59:59.999Z"],
      size: 1,
      want: [
        ["2025-01", ["2025-01-31T23:59:59.999Z"]],
        ["2025-02", ["2025-02-01T04:30:00.000Z"]],
      ],
    },
  ])("$name", ({ items, size, want }) => {
    expect(plan(items, size)).toEqual(want);
  });

  it("keeps items of the same instant in the order they came", () => {
    const items = [
      { url: "/b/", at: "2025-01-01T00:00:00.000Z" },
      { url: "/a/", at: "2025-01-01T00:00:00.000Z" },
    ];
    expect(planShards(items, (i) => i.at)[0]?.items.map((i) => i.url)).toEqual(["/b/", "/a/"]);
  });

  it("leaves full shards as they were when an article is added to the newest month", () => {
    const months = ["2025-01", "2025-02", "2025-03", "2025-04"];
    const items = months.flatMap((m) => [1, 2].map((d) => `${m}-0${d}T00:00:00.000Z`));
    const before = planShards(items, at, { size: 4 });
    expect(before.map((s) => s.id)).toEqual(["2025-01", "2025-03"]);
    // April grows to three: March and April no longer fit together, so April starts its own shard;
    // the older shard is untouched (only shards whose items change are indexed again).
    const added = planShards([...items, "2025-04-20T00:00:00.000Z"], at, { size: 4 });
    expect(added.map((s) => [s.id, s.items.length])).toEqual([
      ["2025-01", 4],
      ["2025-03", 2],
      ["2025-04", 3],
    ]);
    expect(added[0]).toEqual(before[0]);
  });

  it("refuses a size that is not a whole number of 1 or more", () => {
    expect(() => planShards([], at, { size: 0 })).toThrow("shard size must be a whole number, 1 or more; got 0");
  });
});

describe("shardEntries", () => {
  it("lists shards newest first with their folder, span and count; an empty shard has no span", () => {
    const shards = planShards(
      ["2025-01-01T00:00:00.000Z", "2025-01-09T00:00:00.000Z", "2025-03-01T00:00:00.000Z"],
      at,
      { size: 2 },
    );
    expect(shardEntries([...shards, { id: "empty", items: [] }], at)).toEqual([
      { path: "empty/", from: "", to: "", articles: 0 },
      { path: "2025-03/", from: "2025-03-01T00:00:00.000Z", to: "2025-03-01T00:00:00.000Z", articles: 1 },
      { path: "2025-01/", from: "2025-01-01T00:00:00.000Z", to: "2025-01-09T00:00:00.000Z", articles: 2 },
    ]);
  });
});

describe("contentHash", () => {
  it("is the same for the same bytes, as text or bytes, and differs for others", () => {
    expect(contentHash("abc")).toBe(contentHash(new TextEncoder().encode("abc")));
    expect(contentHash("abc")).not.toBe(contentHash("abd"));
    expect(contentHash("")).toMatch(/^[\w-]{43}$/);
  });
});
