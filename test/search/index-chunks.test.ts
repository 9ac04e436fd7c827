// A bundle's word index cut into smaller chunks: the same words with the same bytes, named in the
// metadata the entry file names, and the same results for the same searches in Pagefind's own JS API.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundleFile, cutWords, indexWords, rechunk } from "../../src/search/index-chunks.ts";
import { readWords, unpack } from "../../src/search/pagefind-format.ts";
import type { SearchRecord } from "../../src/search/records.ts";
import { indexFiles } from "../../src/search/run-pagefind.ts";

const word = (text: string, size: number) => ({ text, bytes: new Uint8Array(size) });
const sharedPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
};
const texts = (chunks: { text: string }[][]) => chunks.map((chunk) => chunk.map((w) => w.text));

describe("cutWords", () => {
  it.each([
    ["no words, no chunk", [], 25, []],
    [
      "cuts once a chunk reaches the target, where neighbours share at most two characters",
      [word("apple", 10), word("apricot", 10), word("banana", 10), word("cherry", 10), word("date", 10)],
      25,
      [
        ["apple", "apricot", "banana"],
        ["cherry", "date"],
      ],
    ],
    [
      "never between words sharing three characters or more, until four times the target",
      [word("harbour", 10), word("harboured", 10), word("harbourmaster", 10), word("hart", 10), word("hat", 10)],
      15,
      [["harbour", "harboured", "harbourmaster", "hart"], ["hat"]],
    ],
    [
      "past four times the target, at any boundary",
      [
        word("harbour", 10),
        word("harboured", 10),
        word("harbourmaster", 10),
        word("harbours", 10),
        word("harbourside", 10),
      ],
      10,
      [["harbour", "harboured", "harbourmaster", "harbours"], ["harbourside"]],
    ],
    [
      "a word bigger than the target stands alone",
      [word("able", 5), word("huge", 100), word("zebra", 5)],
      25,
      [["able"], ["huge"], ["zebra"]],
    ],
    [
      "shares counted in characters, not UTF-16 units or bytes",
      [word("ééa", 30), word("ééb", 30), word("𝒳𝒳a", 30), word("𝒳𝒳b", 30), word("𝒳𝒴", 30)],
      25,
      [["ééa"], ["ééb"], ["𝒳𝒳a"], ["𝒳𝒳b"], ["𝒳𝒴"]],
    ],
  ])("%s", (_, words, target, expected) => {
    expect(texts(cutWords(words, target))).toEqual(expected);
  });
});

// A vocabulary with shared prefixes, so that chunk boundaries fall among words that extend each other.
const STEMS = ["harb", "harv", "reg", "rest", "west", "wend", "con", "cont", "pre", "port", "sta", "stor"];
const ENDS = ["", "our", "ours", "oured", "ing", "ion", "ions", "al", "ally", "er", "ers", "ed"];
const vocabulary = STEMS.flatMap((stem) => ENDS.map((end) => `${stem}${end}`));
const record = (n: number): SearchRecord => ({
  url: `/2025/08/${n}/`,
  content: `Headline ${n}\n${vocabulary.filter((_, i) => (i * 7 + n) % 5 < 2).join(" ")} item${n}`,
  language: "en",
  meta: { title: `Headline ${n}`, date: "2025-08-10T09:00:00Z" },
  filters: { tag: [n % 2 ? "Odd" : "Even"], source: [] },
  sort: { date: `2025-08-10T09:${String(n % 60).padStart(2, "0")}:00.000Z` },
});

/** Searches over a bundle through Pagefind's own JS API in Node, its files served from memory. */
async function searcher(files: readonly BundleFile[], dir: string, name: string) {
  const api = files.find((file) => file.path === "pagefind.js");
  if (!api) throw new Error("no pagefind.js");
  const path = join(dir, `${name}.js`);
  await writeFile(path, api.content);
  const byPath = new Map(files.map((file) => [`/${name}/${file.path}`, file.content]));
  const pagefind = await import(pathToFileURL(path).href);
  await pagefind.options({ basePath: `/${name}/` });
  return async (term: string) => {
    const fetched = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      const content = byPath.get(new URL(url, "http://bundle").pathname);
      return content ? new Response(Buffer.from(content)) : new Response("", { status: 404 });
    }) as typeof fetch;
    try {
      const response = await pagefind.search(term);
      return (response.results as { id: string; score: number }[]).map((r) => `${r.id} ${r.score.toFixed(5)}`);
    } finally {
      globalThis.fetch = fetched;
    }
  };
}

// Small enough for many chunks, big enough that no run of words sharing three characters reaches four times it.
const CHUNK = 1024;

describe("rechunk over Pagefind's output", () => {
  let dir: string;
  let pagefinds: BundleFile[];
  let ours: BundleFile[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "broadsheet-chunks-"));
    const records = Array.from({ length: 40 }, (_, n) => record(n));
    pagefinds = await indexFiles(records, { chunkBytes: 0 });
    ours = await indexFiles(records, { chunkBytes: CHUNK });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("keeps every word with its bytes, in order, in more chunks than Pagefind made", () => {
    const [before] = indexWords(pagefinds) ?? [];
    const [after] = indexWords(ours) ?? [];
    const bytes = (words: { text: string; bytes: Uint8Array }[] = []) =>
      words.map((w) => `${w.text} ${Buffer.from(w.bytes).toString("base64")}`);
    expect(bytes(after?.words)).toEqual(bytes(before?.words));
    expect(before?.words.length).toBeGreaterThan(vocabulary.length);
    expect(after?.chunks.length).toBeGreaterThan((before?.chunks.length ?? 0) * 4);
    // Each chunk stopped growing by four times the target: what a search fetches besides its word is bounded.
    for (const [, , hash] of after?.chunks ?? []) {
      const file = ours.find((f) => f.path === `index/${hash}.pf_index`);
      const words = readWords(unpack(file?.content ?? new Uint8Array()) ?? new Uint8Array());
      expect(words.length).toBeGreaterThan(0);
      expect(words.slice(0, -1).reduce((sum, w) => sum + w.bytes.length, 0)).toBeLessThan(4 * CHUNK);
    }
  });

  it("changes only the chunks, the metadata and the entry; the metadata names exactly the chunk files", () => {
    const changed = /^(index\/|pagefind\.en_|pagefind-entry\.json$)/;
    const rest = (files: BundleFile[]) =>
      files.filter((f) => !changed.test(f.path)).map((f) => [f.path, Buffer.from(f.content).toString("base64")]);
    expect(rest(ours)).toEqual(rest(pagefinds));
    const [after] = indexWords(ours) ?? [];
    const chunkFiles = ours.filter((f) => f.path.startsWith("index/")).map((f) => f.path);
    expect(chunkFiles.sort()).toEqual((after?.chunks ?? []).map(([, , hash]) => `index/${hash}.pf_index`).sort());
    const metas = ours.filter((f) => f.path.endsWith(".pf_meta")).map((f) => f.path);
    const entry = JSON.parse(Buffer.from(ours.find((f) => f.path === "pagefind-entry.json")?.content ?? []).toString());
    expect(metas).toEqual([`pagefind.${entry.languages.en.hash}.pf_meta`]);
  });

  it("finds the same results with the same scores for every word and every prefix of three characters or more", async () => {
    // No chunk reached four times the target, so no boundary splits a three-character prefix.
    const [cut] = indexWords(ours) ?? [];
    for (let i = 0; i + 1 < (cut?.chunks.length ?? 0); i++)
      expect(sharedPrefix(cut?.chunks[i]?.[1] ?? "", cut?.chunks[i + 1]?.[0] ?? "")).toBeLessThan(3);
    const before = await searcher(pagefinds, dir, "before");
    const after = await searcher(ours, dir, "after");
    const terms = new Set<string>();
    for (const w of vocabulary) for (let n = 3; n <= w.length; n++) terms.add(w.slice(0, n));
    for (const w of ["item1", "item12", "headline"]) terms.add(w);
    terms.add("harbour westing");
    terms.add("regal stored");
    let found = 0;
    for (const term of terms) {
      const [a, b] = [await before(term), await after(term)];
      expect(b, term).toEqual(a);
      found += a.length;
    }
    expect(found).toBeGreaterThan(terms.size);
  });

  it("leaves a bundle as it is with chunks of 0 bytes, without words, or in a format it does not read", async () => {
    expect(await rechunk(pagefinds, { chunkBytes: 0 })).toEqual(pagefinds);
    const empty = await indexFiles([], { chunkBytes: 0 });
    expect(await rechunk(empty)).toEqual(empty);
    const garbled = pagefinds.map((f) =>
      f.path.endsWith(".pf_meta") ? { ...f, content: new Uint8Array([1, 2, 3]) } : f,
    );
    expect(await rechunk(garbled)).toEqual(garbled);
    expect(indexWords(garbled)).toBeUndefined();
  });

  it("makes the same bytes from the same bundle", async () => {
    const again = await rechunk(pagefinds, { chunkBytes: CHUNK });
    const sorted = (files: BundleFile[]) =>
      files
        .map((f): [string, string] => [f.path, Buffer.from(f.content).toString("base64")])
        .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(sorted(again)).toEqual(sorted(ours));
  });
});
