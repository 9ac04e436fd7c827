// `npm run bench:memory -- --articles 10000`: what a production build holds in memory after each
// phase, as the build runs them (content read and rendered, the digest, page keys, search records,
// then Eleventy rendering every page into a sink that only counts them), measured with
// process.memoryUsage() after a full garbage collection. Run with --expose-gc. With --warm, the content
// is read a second time through the caches the first reading saved, as a rebuild after an edit reads
// it, and the phases after it run on those articles.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { loadContent } from "../../src/content/load.ts";
import { emptyCache, readMarkdownCache, writeMarkdownCache } from "../../src/content/markdown-cache.ts";
import { emptyParseCache, readParseCache, writeParseCache } from "../../src/content/parse-cache.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { pageKeys } from "../../src/digest/page-keys.ts";
import { searchRecords } from "../../src/search/records.ts";
import { attachSink, loadEleventy } from "../../src/build/eleventy-api.ts";
import { generateCorpus, generateSettings } from "./corpus.ts";

const { values } = parseArgs({
  options: { articles: { type: "string" }, tmp: { type: "string" }, warm: { type: "boolean" } },
});
const n = Number(values.articles ?? 10000);
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error("run with node --expose-gc (npm run bench:memory does)");

const dir = await mkdtemp(join(values.tmp ?? tmpdir(), `broadsheet-memory-${n}-`));
const content = join(dir, "content");
await mkdir(join(content, "_data"), { recursive: true });
await writeFile(join(content, "_data", "site.json"), JSON.stringify(generateSettings()));
let sourceBytes = 0;
for (const file of generateCorpus({ articles: n })) {
  await mkdir(dirname(join(content, "articles", file.path)), { recursive: true });
  await writeFile(join(content, "articles", file.path), file.text);
  sourceBytes += Buffer.byteLength(file.text);
}

const MB = 1024 * 1024;
let last = 0;
/** Prints the live heap after a full collection, and what the phase added. */
function phase(label: string) {
  collect!();
  const { heapUsed, external, arrayBuffers } = process.memoryUsage();
  console.log(
    `${label.padEnd(44)} heap ${(heapUsed / MB).toFixed(0).padStart(5)} MB (+${((heapUsed - last) / MB).toFixed(0)}), external ${((external + arrayBuffers) / MB).toFixed(0)} MB`,
  );
  last = heapUsed;
}

console.log(`${n} articles, ${(sourceBytes / MB).toFixed(0)} MB of Markdown files`);
phase("modules loaded");
const now = DateTime.fromISO("2026-11-30T00:00:00Z");
// Production builds keep parses as well as rendered Markdown.
let cache = emptyCache();
cache.parses = emptyParseCache();
if (values.warm) {
  // A first build fills the caches; the rebuild, a new process, has only the files they were saved to.
  const [markdownFile, parseFile] = [join(dir, "markdown.cache"), join(dir, "parse.cache")];
  await loadContent({ contentDir: content, root: dir, now, cache });
  await writeMarkdownCache(markdownFile, cache);
  await writeParseCache(parseFile, cache.parses);
  cache = emptyCache();
  phase("content read once, its caches saved and let go");
  cache = await readMarkdownCache(markdownFile);
  cache.parses = await readParseCache(parseFile);
  phase("caches read");
}
const loaded = await loadContent({ contentDir: content, root: dir, now, cache });
phase(
  values.warm
    ? `content taken from the caches (${cache.rendered} rendered)`
    : "content read, validated, Markdown rendered",
);
const digest = buildDigest(loaded.settings, loaded.articles, loaded.images, undefined, now, loaded.cards);
phase("digest (indexes, related lists, view models)");
const keys = pageKeys(digest, "memory-bench");
phase(`page keys (${keys.size} pages)`);
const records = searchRecords(digest);
phase(`search records (${records.length})`);
// Eleventy renders every page into a sink that counts them and lets them go, as the production
// build's sink hands them to the writer thread: what is left in the heap when the last page has
// been rendered is what Eleventy itself holds per page (its template clones and page data).
const Eleventy = await loadEleventy();
phase("Eleventy's modules loaded");
let rendered = 0;
let renderedBytes = 0;
const eleventy = new Eleventy(content, join(dir, "dist"), {
  configPath: fileURLToPath(new URL("../../.eleventy.ts", import.meta.url)),
  quietMode: true,
  config: (eleventyConfig) =>
    attachSink(eleventyConfig, {
      digest: async () => Object.freeze(digest),
      page: (_url, html) => {
        rendered++;
        renderedBytes += Buffer.byteLength(html);
      },
      after: async () => phase(`Eleventy: all ${rendered} pages rendered, still held by it`),
    }),
});
const results = (await eleventy.toJSON()) as unknown[];
phase(`Eleventy returned ${results.length} results (${(renderedBytes / MB).toFixed(0)} MB of pages passed)`);
// Kept alive to here, so each phase's figure includes what the build still holds.
console.log(
  `holding ${loaded.articles.length} articles, ${digest.articlePages.length} article pages, ${cache.markdown.size} cached bodies`,
);
await rm(dir, { recursive: true, force: true });
