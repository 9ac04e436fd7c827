// Reading back what Pagefind wrote for each article: fragment id, URL and filters, one a file or grouped.
import { describe, expect, it } from "vitest";
import { indexedDocs } from "../../src/search/fragments.ts";
import type { SearchRecord } from "../../src/search/records.ts";
import { indexFiles } from "../../src/search/run-pagefind.ts";

const record = (n: number): SearchRecord => ({
  url: `/2025/08/1${n}/item-${n}/`,
  content: `Headline ${n}\nThe harbour story number ${n}.`,
  language: "en",
  meta: { title: `Headline ${n}`, date: `2025-08-1${n}T09:00:00Z` },
  filters: { tag: n % 2 ? ["Odd", "Ünïcode"] : [], source: [] },
  sort: { date: `2025-08-1${n}T09:00:00.000Z` },
});
const records = [1, 2, 3, 4, 5].map(record);
const byUrl = (docs: ReturnType<typeof indexedDocs>) => [...docs].sort((a, b) => (a.url < b.url ? -1 : 1));

describe("indexedDocs", () => {
  it("gives each article's URL, filters and fragment id, the name of its fragment file", async () => {
    const files = await indexFiles(records);
    const docs = byUrl(indexedDocs(files));
    expect(docs.map((d) => d.url)).toEqual(records.map((r) => r.url));
    expect(docs[0]?.filters).toEqual({ tag: ["Odd", "Ünïcode"], source: [] });
    expect(docs[1]?.filters).toEqual({ tag: [], source: [] });
    const names = files.filter((f) => f.path.startsWith("fragment/")).map((f) => f.path.slice(9, -12));
    expect(docs.map((d) => d.id).sort()).toEqual(names.sort());
  });

  it("reads grouped fragments too, with the same ids", async () => {
    const single = byUrl(indexedDocs(await indexFiles(records)));
    const grouped = byUrl(indexedDocs(await indexFiles(records, { maxFragments: 2 })));
    expect(grouped).toEqual(single);
  });

  it("gives nothing for an index without articles", async () => {
    expect(indexedDocs(await indexFiles([]))).toEqual([]);
  });
});
