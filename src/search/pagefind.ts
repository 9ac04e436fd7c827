// The search index's entry points, where the build and the dev server find them: Pagefind runs
// (run-pagefind.ts), the sharded index a build publishes (sharded-index.ts) and the dev server's
// background indexer (background-indexer.ts).
export {
  indexFiles,
  type SearchFile,
  type SearchIndexOptions,
  searchIndexDefaults,
  writeIndexFolder,
} from "./run-pagefind.ts";
export {
  API_FILE,
  type PublishedIndex,
  type PublishOptions,
  publishDefaults,
  publishSearchIndex,
  SHARDS_FILE,
} from "./sharded-index.ts";
export { FACETS_FILE, type FacetCounts } from "./facets.ts";
export { type BackgroundOptions, backgroundDefaults, backgroundIndexer } from "./background-indexer.ts";
