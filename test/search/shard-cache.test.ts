// The search cache record: verified by its hash before use, a damaged one rebuilt with a one-line notice.
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
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
    expect(await readSearchCache(file, (line) => notices.push(line))).toEqual({
      ...state,
      written: expect.any(Number),
    });
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

  it("takes a file on a stat that vouches for it, and reads one whose stat changed or is too recent", async () => {
    const record = structuredClone(state.shards["2025-08"]);
    if (!record) throw new Error("fixture");
    const file = join(root, "pagefind-entry.json");
    const then = new Date(Date.now() - 60_000);
    await writeFile(file, "{}");
    await utimes(file, then, then);
    const written = Date.now();
    expect(await shardIntact(root, record, written)).toBe("intact");
    const s = await stat(file);
    expect(record.seen).toEqual([`2:${s.mtimeMs}:${s.ino}`]);
    // Other bytes of the same size with the time put back: the stat vouches, the file is not read.
    await writeFile(file, "[]");
    await utimes(file, then, then);
    expect(await shardIntact(root, record, written)).toBe("intact");
    // A record written less than two seconds after the file changed vouches for nothing: read.
    expect(await shardIntact(root, record, then.getTime() + 1000)).toBe("changed");
    // An ordinary write (an editor, a copy) moves the modification time: read.
    await writeFile(file, "[]");
    expect(await shardIntact(root, record, Date.now() + 60_000)).toBe("changed");
  });
});
