// The counts the search page's tag and source menus show, made at build time from the articles the
// index holds, so the page need not load every shard's filter files to add them up.

/** The file of the counts, at the top of the index folder beside `shards.json`. */
export const FACETS_FILE = "filters.json";

/** Per filter (`tag`, `source`), per value, how many articles have it, as Pagefind's own filter counts are. */
export type FacetCounts = Record<string, Record<string, number>>;

/** The counts of articles' filters: an article counts once per value, a filter no article has a value of is left out; names and values in code-unit order, so the file is stable. */
export function facetCounts(articles: Iterable<Record<string, readonly string[]>>): FacetCounts {
  const counts: FacetCounts = {};
  for (const filters of articles)
    for (const [name, values] of Object.entries(filters))
      for (const value of new Set(values)) {
        const of = (counts[name] ??= {});
        of[value] = (of[value] ?? 0) + 1;
      }
  const sorted = (object: Record<string, number>) =>
    Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return Object.fromEntries(
    Object.keys(counts)
      .sort()
      .map((name) => [name, sorted(counts[name] ?? {})]),
  );
}
