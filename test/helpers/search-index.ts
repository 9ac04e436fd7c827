// What a published search index finds, read from its files: every bundle's fragments that the
// manifest does not list as superseded (see src/search/overlay.ts), so an index under the edit
// overlay can be compared with a clean build's, which has none.
import { gunzipSync } from "node:zlib";

/** One article as the index holds it. */
export interface FoundDoc {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** The articles the index in `tree` (output path → bytes) finds, sorted by URL. */
export function foundDocs(tree: ReadonlyMap<string, Uint8Array>, folder = "pagefind/"): FoundDoc[] {
  const manifest = tree.get(`${folder}shards.json`);
  if (!manifest) return [];
  const entries = JSON.parse(Buffer.from(manifest).toString("utf8")) as {
    path: string;
    superseded?: [string, unknown][];
  }[];
  const docs: FoundDoc[] = [];
  for (const entry of entries) {
    const dropped = new Set((entry.superseded ?? []).map(([id]) => id));
    const prefix = `${folder}${entry.path}fragment/`;
    for (const [path, bytes] of tree) {
      if (!path.startsWith(prefix) || dropped.has(path.slice(prefix.length, -".pf_fragment".length))) continue;
      const text = gunzipSync(bytes)
        .toString("utf8")
        .replace(/^pagefind_dcd/, "");
      const { url, content, meta, filters } = JSON.parse(text) as FoundDoc;
      docs.push({ url, content, meta, filters });
    }
  }
  return docs.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
