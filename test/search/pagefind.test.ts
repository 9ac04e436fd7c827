// Running Pagefind over records, and the dev server's index folder kept in step with the digest.
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, open, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.ts";
import { backgroundIndexer, indexFiles, writeIndexFolder } from "../../src/search/pagefind.ts";
import { withEnv } from "../../src/search/run-pagefind.ts";
import type { SearchRecord } from "../../src/search/records.ts";
import { article, testSettings } from "../helpers/articles.ts";
import { readTree } from "../helpers/fixture.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "broadsheet-search-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const record = (n: number, extra: Partial<SearchRecord> = {}): SearchRecord => ({
  url: `/2025/08/1${n}/item-${n}/`,
  content: `Headline ${n}\nThe harbour story number ${n}.`,
  language: "en",
  meta: { title: `Headline ${n}`, date: `2025-08-1${n}T09:00:00Z` },
  filters: { tag: n % 2 ? ["Odd"] : [], source: [] },
  sort: { date: `2025-08-1${n}T09:00:00.000Z` },
  ...extra,
});

describe("indexFiles", () => {
  it("gives the index's files sorted by path: the JS API, WebAssembly, entry and one fragment per record, no UI", async () => {
    const files = await indexFiles([record(1), record(2), record(3)]);
    const paths = files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(
      expect.arrayContaining(["pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"]),
    );
    expect(paths.filter((p) => p.startsWith("fragment/"))).toHaveLength(3);
    expect(paths.filter((p) => p.startsWith("filter/"))).not.toHaveLength(0);
    expect(paths.some((p) => /ui|highlight|playground/.test(p))).toBe(false);
  });

  it("makes the same bytes from the same records, and an empty index from none", async () => {
    const a = await indexFiles([record(1), record(2)]);
    const b = await indexFiles([record(1), record(2)]);
    expect(b.map((f) => [f.path, Buffer.from(f.content).toString("base64")])).toEqual(
      a.map((f) => [f.path, Buffer.from(f.content).toString("base64")]),
    );
    const empty = await indexFiles([]);
    expect(empty.some((f) => f.path === "pagefind.js")).toBe(true);
    expect(empty.some((f) => f.path.startsWith("fragment/"))).toBe(false);
  });

  it("makes the same bytes whatever the settings of Pagefind's allocator", async () => {
    const records = [1, 2, 3].map((n) => record(n));
    const bytes = (files: Awaited<ReturnType<typeof indexFiles>>) =>
      files.map((f) => [f.path, Buffer.from(f.content).toString("base64")]);
    // An empty string is jemalloc's own defaults.
    expect(bytes(await indexFiles(records))).toEqual(bytes(await indexFiles(records, { allocator: "" })));
  });

  it("bundles fragments into fewer files when maxFragments says so", async () => {
    const records = [1, 2, 3, 4, 5, 6].map((n) => record(n));
    const bundled = await indexFiles(records, { maxFragments: 2 });
    expect(bundled.filter((f) => f.path.startsWith("fragment/")).length).toBeLessThan(6);
  });
});

describe("withEnv", () => {
  const name = "BROADSHEET_TEST_ALLOCATOR";
  const childSees = () =>
    spawnSync(process.execPath, ["-p", `process.env.${name}`], { encoding: "utf8" }).stdout.trim();

  it("gives a child started inside it the variable, and takes it away after", () => {
    expect(withEnv(name, "narenas:1", childSees)).toBe("narenas:1");
    expect(process.env[name]).toBeUndefined();
    expect(childSees()).toBe("undefined");
  });

  it("leaves a value already in the environment as it is", () => {
    process.env[name] = "narenas:4";
    try {
      expect(withEnv(name, "narenas:1", childSees)).toBe("narenas:4");
      expect(process.env[name]).toBe("narenas:4");
    } finally {
      delete process.env[name];
    }
  });

  it("takes the variable away when the start throws", () => {
    expect(() =>
      withEnv(name, "narenas:1", () => {
        throw new Error("no binary");
      }),
    ).toThrow("no binary");
    expect(process.env[name]).toBeUndefined();
  });
});

describe("writeIndexFolder", () => {
  const OLD = new Date("2020-01-01T00:00:00Z");
  const bytes = (text: string) => new Uint8Array(Buffer.from(text));

  it("writes new and changed files, keeps same ones untouched and removes the rest", async () => {
    const dir = join(root, "pagefind");
    await mkdir(join(dir, "fragment"), { recursive: true });
    await writeFile(join(dir, "same.js"), "same");
    await writeFile(join(dir, "changed.json"), "old");
    await writeFile(join(dir, "fragment", "stale.pf_fragment"), "stale");
    for (const name of ["same.js", "changed.json"]) await utimes(join(dir, name), OLD, OLD);
    await writeIndexFolder(
      [
        { path: "same.js", content: bytes("same") },
        { path: "changed.json", content: bytes("new") },
        { path: "fragment/new.pf_fragment", content: bytes("fresh") },
      ],
      dir,
    );
    expect([...(await readTree(dir))].map(([path, content]) => [path, content.toString()])).toEqual([
      ["changed.json", "new"],
      ["fragment/new.pf_fragment", "fresh"],
      ["same.js", "same"],
    ]);
    expect((await stat(join(dir, "same.js"))).mtimeMs).toBe(OLD.getTime());
  });

  it("replaces a changed file in one step, so that a search meanwhile reads the old bytes or the new, never half", async () => {
    const dir = join(root, "pagefind");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "pagefind-entry.json"), "old");
    // A reader holding the old file open (a browser's request in flight) keeps reading all of it.
    const reader = await open(join(dir, "pagefind-entry.json"));
    await writeIndexFolder([{ path: "pagefind-entry.json", content: bytes("the new entry") }], dir);
    expect((await reader.readFile()).toString()).toBe("old");
    await reader.close();
    expect(await readFile(join(dir, "pagefind-entry.json"), "utf8")).toBe("the new entry");
    // No temporary file is left beside it.
    expect([...(await readTree(dir)).keys()]).toEqual(["pagefind-entry.json"]);
  });

  it("creates the folder when it is missing", async () => {
    await writeIndexFolder([{ path: "index/a.pf_index", content: bytes("a") }], join(root, "out", "pagefind"));
    expect(await readFile(join(root, "out", "pagefind", "index", "a.pf_index"), "utf8")).toBe("a");
  });
});

describe("backgroundIndexer", () => {
  it("indexes the digest into the output's index folder, and runs Pagefind again only when the records changed", async () => {
    const errors: unknown[] = [];
    const update = backgroundIndexer((error) => errors.push(error));
    const a = article("a", "2025-08-15T09:00:00Z", { title: "Harbour news" });
    const digest = buildDigest(testSettings, [a]);
    await update(digest, root, "v1");
    const entry = join(root, "pagefind", "2025-08", "pagefind-entry.json");
    expect(JSON.parse(await readFile(entry, "utf8"))).toMatchObject({ languages: { en: { page_count: 1 } } });
    // The same records: nothing is run or written, even when the folder was emptied meanwhile.
    await rm(join(root, "pagefind"), { recursive: true });
    await update(digest, root, "v1");
    await expect(stat(entry)).rejects.toMatchObject({ code: "ENOENT" });
    // One more article: indexed into the delta of the edit overlay, as a build does; a temporary file
    // a killed server left beside the manifest is removed.
    await mkdir(join(root, "pagefind"));
    await writeFile(join(root, "pagefind", "shards.json.0a1b2c.tmp"), "[");
    await update(buildDigest(testSettings, [a, article("b", "2025-08-16T09:00:00Z")]), root, "v1");
    await expect(stat(join(root, "pagefind", "shards.json.0a1b2c.tmp"))).rejects.toMatchObject({ code: "ENOENT" });
    const delta = join(root, "pagefind", "delta", "pagefind-entry.json");
    expect(JSON.parse(await readFile(delta, "utf8"))).toMatchObject({ languages: { en: { page_count: 1 } } });
    const manifest = JSON.parse(await readFile(join(root, "pagefind", "shards.json"), "utf8")) as { path: string }[];
    expect(manifest.map((shard) => shard.path)).toEqual(["2025-08/", "delta/"]);
    expect(errors).toEqual([]);
  });

  it("waits for builds to pause, then indexes only the newest digest", async () => {
    let clock = 0;
    const update = backgroundIndexer(() => undefined, { quietMs: 1000, now: () => clock });
    const entry = join(root, "pagefind", "2025-08", "pagefind-entry.json");
    const first = update(buildDigest(testSettings, [article("a", "2025-08-15T09:00:00Z")]), root, "v1");
    // Builds keep coming: the clock has not moved, so the indexer has not run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(stat(entry)).rejects.toMatchObject({ code: "ENOENT" });
    const second = update(
      buildDigest(testSettings, [article("a", "2025-08-15T09:00:00Z"), article("b", "2025-08-16T09:00:00Z")]),
      root,
      "v1",
    );
    expect(second).toBe(first);
    clock = 1000; // a quiet second later
    await second;
    expect(JSON.parse(await readFile(entry, "utf8"))).toMatchObject({ languages: { en: { page_count: 2 } } });
  });

  it("reports a failure instead of throwing, and tries again on the next update", async () => {
    const errors: unknown[] = [];
    const update = backgroundIndexer((error) => errors.push(error));
    // A file where the output folder should be: the index cannot be written.
    await writeFile(join(root, "blocked"), "");
    const digest = buildDigest(testSettings, [article("a", "2025-08-15T09:00:00Z")]);
    await update(digest, join(root, "blocked"), "v1");
    expect(errors).toHaveLength(1);
    await update(digest, root, "v1");
    expect(errors).toHaveLength(1);
    expect(JSON.parse(await readFile(join(root, "pagefind", "2025-08", "pagefind-entry.json"), "utf8"))).toMatchObject({
      languages: { en: { page_count: 1 } },
    });
  });

  it("with shards, writes an edit into the delta, not its shard, and keeps the manifest and API in step", async () => {
    const settings = { ...testSettings, searchShardSize: 1 };
    const update = backgroundIndexer(() => undefined);
    const june = article("june", "2025-06-10T09:00:00Z", { title: "June tides" });
    const july = article("july", "2025-07-10T09:00:00Z", { title: "July regatta" });
    await update(buildDigest(settings, [june, july]), root, "v1");
    const folder = join(root, "pagefind");
    const manifest = async () => JSON.parse(await readFile(join(folder, "shards.json"), "utf8")) as { path: string }[];
    expect((await manifest()).map((s) => s.path)).toEqual(["2025-07/", "2025-06/"]);
    const OLD = new Date("2020-01-01T00:00:00Z");
    for (const month of ["2025-06", "2025-07"]) await utimes(join(folder, month, "pagefind-entry.json"), OLD, OLD);
    // July's headline changes: no shard is written again, only the delta, which the manifest lists.
    await update(buildDigest(settings, [june, { ...july, title: "July regatta postponed" }]), root, "v1");
    expect((await stat(join(folder, "2025-06", "pagefind-entry.json"))).mtimeMs).toBe(OLD.getTime());
    expect((await stat(join(folder, "2025-07", "pagefind-entry.json"))).mtimeMs).toBe(OLD.getTime());
    expect((await manifest()).map((s) => s.path)).toEqual(["2025-07/", "2025-06/", "delta/"]);
    expect(await readFile(join(folder, "delta", "pagefind-entry.json"), "utf8")).toContain('"page_count":1');
    // June's article goes: its shard's folder goes too (July is still under the overlay).
    await update(buildDigest(settings, [{ ...july, title: "July regatta postponed" }]), root, "v1");
    expect((await manifest()).map((s) => s.path)).toEqual(["2025-07/", "delta/"]);
    await expect(stat(join(folder, "2025-06"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readFile(join(folder, "pagefind.js"))).toEqual(await readFile(join(folder, "2025-07", "pagefind.js")));
  });

  it("started again over its folder, indexes no shard its record vouches for, and one whose files changed", async () => {
    const settings = { ...testSettings, searchShardSize: 1 };
    const june = article("june", "2025-06-10T09:00:00Z", { title: "June tides" });
    const july = article("july", "2025-07-10T09:00:00Z", { title: "July regatta" });
    const digest = buildDigest(settings, [june, july]);
    await backgroundIndexer(() => undefined)(digest, root, "v1");
    const folder = join(root, "pagefind");
    // A bundle taken from the record is checked file by file (their stats noted); one made again is not.
    const checked = async (id: string) => {
      const stored = JSON.parse(await readFile(join(root, "search.json"), "utf8")) as { state: string };
      const state = JSON.parse(stored.state) as { shards: Record<string, { seen?: string[] }> };
      return (state.shards[id]?.seen ?? []).filter((s) => s !== "").length > 0;
    };
    expect(await checked("2025-07")).toBe(false);
    // June's bundle is damaged while no server runs.
    const damaged = join(folder, "2025-06", "pagefind.js");
    await writeFile(damaged, "// not Pagefind's\n");
    const notices: string[] = [];
    await backgroundIndexer(() => undefined, { notice: (line) => notices.push(line) })(digest, root, "v1");
    // July's bundle was taken from the record; June's was made again.
    expect(await checked("2025-07")).toBe(true);
    expect(await checked("2025-06")).toBe(false);
    expect(await readFile(damaged, "utf8")).not.toContain("not Pagefind's");
    expect(notices).toEqual([]);
    // A damaged record: said in one line, and every shard made again.
    await writeFile(join(root, "search.json"), "{ damaged");
    await backgroundIndexer(() => undefined, { notice: (line) => notices.push(line) })(digest, root, "v1");
    expect(await checked("2025-07")).toBe(false);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/search\.json is damaged/);
  });
});
