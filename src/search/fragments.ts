// What Pagefind wrote for each article, read back from a bundle's fragment files: the fragment's id
// (the `id` a search result carries, which the search page can drop without loading the fragment),
// the article's URL and its filters. A fragment file is gzipped JSON after a signature: one article,
// or a group of them keyed by id when `maxFragments` bundles them.
import { gunzipSync } from "node:zlib";
import type { SearchFile } from "./run-pagefind.ts";

/** One article as a bundle holds it. */
export interface IndexedDoc {
  /** Pagefind's id of the article's fragment (`en_1f3ed98`), what a search result's `id` is. */
  id: string;
  url: string;
  /** The filters it was indexed with (`tag`, `source`), for correcting the filter counts. */
  filters: Record<string, string[]>;
}

const FRAGMENT = /^fragment\/(.+)\.pf_fragment$/;
// Pagefind puts this signature before the JSON of a decompressed fragment.
const SIGNATURE = "pagefind_dcd";

interface Fragment {
  url: string;
  filters?: Record<string, string[]>;
}

/** The articles of a bundle, from its files (other files than fragments are passed over). */
export function indexedDocs(files: readonly SearchFile[]): IndexedDoc[] {
  const docs: IndexedDoc[] = [];
  for (const file of files) {
    const name = FRAGMENT.exec(file.path)?.[1];
    if (name === undefined) continue;
    let text = gunzipSync(file.content).toString("utf8");
    if (text.startsWith(SIGNATURE)) text = text.slice(SIGNATURE.length);
    const json = JSON.parse(text) as Fragment | Record<string, Fragment>;
    const entries: [string, Fragment][] =
      typeof json.url === "string" ? [[name, json as Fragment]] : Object.entries(json as Record<string, Fragment>);
    for (const [id, fragment] of entries) docs.push({ id, url: fragment.url, filters: fragment.filters ?? {} });
  }
  return docs;
}
