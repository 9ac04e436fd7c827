// The search cache record: verified by its hash before use, a damaged one rebuilt with a one-line notice.
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSearchCache, type SearchCacheState, shardIntact, writeSearchCache } from "../../src/search/shard-cache.ts";
import { contentHash } from "../../src/search/shards.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "broadsheet-search-cache-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const state: SearchCacheState = {
  shards: { "2025-08": { key: "k1", files: [["pagefind-entry.json", contentHash("{}")]], bytes: 2 } },
};

describe("readSearchCache", () => {
  it("reads back what was written, without a notice", async () => {
    const file = join(root, "cache", "search.json");
    await writeSearchCache(file, state);
    const notices: string[] = [];
    expect(await readSearchCache(file, (line) => notices.push(line))).toEqual(state);
    expect(notices).toEqual([]);
  });

  it("takes a missing record for an empty one, without a notice", async () => {
    const notices: string[] = [];
    expect(await readSearchCache(join(root, "none.json"), (line) => notices.push(line))).toEqual({ shards: {} });
    expect(notices).toEqual([]);
  });

  const damage: [string, (text: string) => string][] = [
    ["emptied", () => ""],
    ["truncated", (text) => text.slice(0, text.length / 2)],
    ["garbled", (text) => text.replace("k1", "k2")],
    ["its hash replaced", (text) => text.replace(/"hash":"[^"]*"/, '"hash":"x"')],
    ["of another shape", () => JSON.stringify({ hash: contentHash("[]"), state: "[]" })],
  ];
  it.each(damage)("takes a record %s for an empty one, after a one-line notice", async (_, spoil) => {
    const file = join(root, "search.json");
    await writeSearchCache(file, state);
    await writeFile(file, spoil(await readFile(file, "utf8")));
    const notices: string[] = [];
    expect(await readSearchCache(file, (line) => notices.push(line))).toEqual({ shards: {} });
    expect(notices).toEqual([`${file} is damaged (its content does not match its hash); the search index is rebuilt.`]);
  });
});

describe("shardIntact", () => {
  it("tells intact files from missing and changed ones", async () => {
    const record = state.shards["2025-08"];
    if (!record) throw new Error("fixture");
    await mkdir(join(root, "shard"));
    expect(await shardIntact(join(root, "shard"), record)).toBe("missing");
    await writeFile(join(root, "shard", "pagefind-entry.json"), "{}");
    expect(await shardIntact(join(root, "shard"), record)).toBe("intact");
    await writeFile(join(root, "shard", "pagefind-entry.json"), "{ }");
    expect(await shardIntact(join(root, "shard"), record)).toBe("changed");
  });
});
