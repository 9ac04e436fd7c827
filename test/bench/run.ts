// `npm run bench`: builds synthetic sites of N articles in a temporary folder and prints what they cost,
// each figure beside its target (issue 15). The default site first (social cards and search on), cold
// (no .cache, no dist), warm (.cache restored, no dist, as CI with actions/cache) and after edits; then
// the variants as extra rows. Options: --articles N (repeatable; default 1000 and 10000; 100000 works),
// --variants LIST (default search-off,cards-off; "none" for none), --keep (keep the folders), --tmp DIR,
// --images K (instead: the image benchmark, K photos on a site of K articles unless --articles says more).
import { readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildDigest } from "../../src/digest/digest.ts";
import { loadContent } from "../../src/content/load.ts";
import { relatedArticles } from "../../src/digest/related.ts";
import { detectStories } from "../../src/stories/stories.ts";
import { storyItem } from "../../src/stories/story-items.ts";
import { searchRecords } from "../../src/search/records.ts";
import { indexFiles } from "../../src/search/pagefind.ts";
import { generateCorpus, generateSettings, type SiteParts } from "./corpus.ts";
import { budgetsByHost, describeOutput, outputTally } from "./output-size.ts";
import { budgetLines, builtCounts } from "./build-line.ts";
import { beside, targets } from "./targets.ts";
import { imageBench } from "./image-bench.ts";
import { DEV_EDITS, devServer } from "./dev-server.ts";
import { measure, type RunResult } from "./measure.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsx = fileURLToPath(import.meta.resolve("tsx/esm"));
const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> })
  .scripts;

/** Node's arguments for an npm script of this project (`node …`), with its paths made absolute. */
function nodeArgs(script: string): string[] {
  const words = (scripts[script]?.match(/"[^"]*"|\S+/g) ?? []).map((word) => word.replace(/^"|"$/g, ""));
  return words
    .slice(1)
    .map((word) =>
      word === "tsx" ? tsx : word.replaceAll("./", root).replace("=.eleventy.ts", `=${join(root, ".eleventy.ts")}`),
    );
}
const { values } = parseArgs({
  options: {
    articles: { type: "string", multiple: true },
    keep: { type: "boolean" },
    tmp: { type: "string" },
    images: { type: "string" },
    variants: { type: "string" },
  },
});
/** The variants measured after the default site, each a change of its settings. */
const VARIANTS: Record<string, SiteParts> = { "search-off": { search: false }, "cards-off": { socialCards: false } };
const variants = (values.variants ?? "search-off,cards-off").split(",").filter((v) => v && v !== "none");
for (const v of variants) if (!VARIANTS[v]) throw new Error(`unknown variant ${v}; known: ${Object.keys(VARIANTS)}`);
const sizes = (values.articles ?? (values.images ? [values.images] : ["1000", "10000"])).map(Number);

/** One site size's figures, in the order the table prints them. */
type Row = Record<string, string>;

async function bench(n: number): Promise<Row> {
  const dir = await mkdtemp(join(values.tmp ?? tmpdir(), `broadsheet-bench-${n}-`));
  const content = join(dir, "content");
  await mkdir(join(content, "_data"), { recursive: true });
  const siteFile = join(content, "_data", "site.json");
  await writeFile(siteFile, JSON.stringify(generateSettings()));
  for (const file of generateCorpus({ articles: n })) {
    await mkdir(dirname(join(content, "articles", file.path)), { recursive: true });
    await writeFile(join(content, "articles", file.path), file.text);
  }
  // Exactly what `npm run build` runs, in the generated site's folder.
  const build = () => measure(process.execPath, nodeArgs("build"), dir);
  const dist = join(dir, "dist");
  // What clean() takes away is moved aside and deleted with the folder at the very end: on ext4 without
  // a journal (this machine's disk) a file made within a minute or more of thousands being deleted
  // costs a scan past each freed inode, and a warm build after an `rm -rf dist` spent 4-5 s more in
  // the kernel (docs/benchmark.md, "Deleting files").
  const aside = join(dir, "aside");
  let moved = 0;
  const moveAside = async (path: string) => {
    await mkdir(aside, { recursive: true });
    await rename(path, join(aside, String(moved++))).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  };
  /** Takes away the output (its link and its versions), and the build cache unless `keepCache`. */
  const clean = async (keepCache: boolean) => {
    await moveAside(dist);
    await moveAside(`${dist}.builds`);
    if (!keepCache) await moveAside(join(dir, ".cache"));
  };

  const { articles, settings } = await loadContent({ contentDir: content, root: dir });
  const items = articles.map((a) => ({ url: a.url, time: a.date.toMillis(), tags: a.tags }));
  const relatedMs = Math.min(...[0, 1, 2].map(() => time(() => relatedArticles(items))));
  const storyItems = articles.map(storyItem);
  const storiesMs = Math.min(...[0, 1, 2].map(() => time(() => detectStories(storyItems))));
  const target = articles[Math.floor(articles.length / 2)]!;
  const file = join(dir, target.file);
  const original = readFileSync(file, "utf8");
  const editBody = (mark: string) => writeFileSync(file, `${original}\n\n${mark}\n`);
  const editTags = (tag: string) => writeFileSync(file, original.replace(/^tags:\n/m, `tags:\n  - "${tag}"\n`));

  const first = await build();
  const output = outputTally(dist);
  const second = await build();
  editBody("Benchmark edit of the body.");
  const body = await build();
  // The first edit after a cold build assembles a second version of the output; from the next one on,
  // a build brings the version before last up to date (src/publish/reuse.ts): that is the usual edit.
  editBody("A second benchmark edit of the body.");
  const again = await build();
  editTags("Benchmark Tag");
  const tags = await build();
  writeFileSync(file, original);
  await clean(true);
  const warm = await build();

  const dev = await devServer(nodeArgs("start"), dir, target.url, editBody, editTags);
  writeFileSync(file, original);
  // Each variant: cold, warm, and a body edit, as for the default site.
  const variantRows: Row = {};
  for (const name of variants) {
    writeFileSync(siteFile, JSON.stringify(generateSettings(VARIANTS[name])));
    await clean(false);
    const cold = await build();
    const out = outputTally(dist);
    await clean(true);
    const again = await build();
    editBody("Benchmark edit of the body.");
    const edited = await build();
    writeFileSync(file, original);
    Object.assign(variantRows, {
      [`${name}: full build (cold), wall s, CPU s, peak MB`]: `${seconds(cold.wall)}, ${seconds(cold.cpu)}, ${mb(cold.peakRss)}`,
      [`${name}: output`]: describeOutput(out),
      [`${name}: warm build (.cache restored, no dist), wall s`]: seconds(again.wall),
      [`${name}: rebuild after a body edit, wall s`]: seconds(edited.wall),
    });
  }
  // Pagefind alone, as a build runs it: records from the digest, then the index in memory. Measured
  // last: its process is a child of this one, and its CPU time would otherwise be counted in the
  // next build's (the children's CPU time is read from /proc/self/stat once they are reaped).
  const digest = buildDigest(settings, articles);
  let records: ReturnType<typeof searchRecords> = [];
  const recordsMs = time(() => (records = searchRecords(digest)));
  const indexStarted = performance.now();
  const index = await indexFiles(records);
  const pagefindMs = performance.now() - indexStarted;
  if (!values.keep) finished.push(dir);
  else console.error(`kept ${dir}`);
  const budget = budgetLines(first.stdout, "GitHub Pages") ?? "?";
  return {
    "full build (cold), wall s": beside(seconds(first.wall), first.wall, targets.fullBuildSeconds, n),
    "full build (cold), CPU s (of which kernel)": `${seconds(first.cpu)} (${seconds(first.kernel)})`,
    "full build (cold), peak RSS of the process tree, MB": beside(
      mb(first.peakRss),
      first.peakRss / 1024 / 1024,
      targets.peakMb,
      n,
    ),
    "output, total": beside(describeOutput(output), output.total.bytes / 1024 / 1024, targets.outputMb, n),
    "output: pages": describeOutput(output, "pages"),
    "output: feeds and sitemaps": describeOutput(output, "feeds"),
    "output: media (lead and body images)": describeOutput(output, "media"),
    "output: social cards": describeOutput(output, "cards"),
    "output: search index": describeOutput(output, "search"),
    "output: other (assets, headers)": describeOutput(output, "other"),
    "host budget, GitHub Pages (1 GB)": budget,
    // The other hosts, judged from the same output, so that a large site shows where it could go.
    ...Object.fromEntries(
      Object.entries(budgetsByHost(output))
        .filter(([label]) => label !== "GitHub Pages")
        .map(([label, lines]) => [`host budget, ${label}`, lines]),
    ),
    "warm build (.cache restored, no dist), wall s (CPU s)": `${seconds(warm.wall)} (${seconds(warm.cpu)})`,
    "second build (nothing changed), wall s": seconds(second.wall),
    "rebuild after a body edit (.cache kept), wall s": beside(
      `${seconds(again.wall)} (${pages(again)} written)`,
      again.wall,
      targets.bodyEditSeconds,
      n,
    ),
    "the first body edit after a cold build, wall s": `${seconds(body.wall)} (${pages(body)} written)`,
    "rebuild after a tags edit (.cache kept), wall s": `${seconds(tags.wall)} (${pages(tags)} written)`,
    "dev server: start until watching, s": seconds(dev.start),
    [`dev server: body edit until page written, ms (median of ${DEV_EDITS}; range)`]: beside(
      `${Math.round(dev.body.median * 1000)} (${Math.round(dev.body.min * 1000)}-${Math.round(dev.body.max * 1000)})`,
      dev.body.median * 1000,
      targets.devEditMs,
      n,
    ),
    "dev server: start until its search index is made, s": seconds(dev.searchReady),
    "dev server: body edit until search finds it (index made), s": beside(
      seconds(dev.search),
      dev.search,
      targets.devSearchSeconds,
      n,
    ),
    "dev server: tags edit until tag page written, ms": String(Math.round(dev.tags * 1000)),
    [`dev server: RSS after 1 and ${DEV_EDITS} edits, MB`]: `${mb(dev.rss[0] ?? 0)} → ${mb(dev.rss.at(-1) ?? 0)}`,
    [`dev server: live heap after 1 and ${DEV_EDITS} edits, MB`]: `${mb(dev.heap[0] ?? 0)} → ${mb(dev.heap.at(-1) ?? 0)}`,
    "related articles for all, ms": String(Math.round(relatedMs)),
    "story detection for all, ms": String(Math.round(storiesMs)),
    "search records from the digest, ms": String(Math.round(recordsMs)),
    "search index by Pagefind (alone), s": seconds(pagefindMs / 1000),
    "search index, files (fragments)": `${index.length} (${index.filter((f) => f.path.startsWith("fragment/")).length})`,
    "search index, KB": Math.round(index.reduce((sum, f) => sum + f.content.byteLength, 0) / 1024).toLocaleString(
      "en-US",
    ),
    ...variantRows,
  };
}

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}
const seconds = (s: number) => s.toFixed(2);
const mb = (bytes: number) => String(Math.round(bytes / 1024 / 1024));
const pages = (r: RunResult) => builtCounts(r.stdout)?.written.toLocaleString("en-US") ?? "?";

// Folders of finished sizes are removed at the very end: deleting 10,000 folders right before the
// next size's first build slows its folder creation on ext4 (it skips recently freed inodes).
const finished: string[] = [];
const rows: Row[] = [];
for (const n of sizes) {
  console.error(`benchmarking ${n} articles…`);
  const images = Number(values.images);
  const build = (dir: string) => measure(process.execPath, nodeArgs("build"), dir);
  rows.push(
    values.images
      ? await imageBench({ images, articles: n, tmp: values.tmp ?? tmpdir(), keep: values.keep ?? false, build })
      : await bench(n),
  );
}
for (const dir of finished) await rm(dir, { recursive: true, force: true });
const labels = Object.keys(rows[0] ?? {});
const width = Math.max(...labels.map((l) => l.length));
console.log(`| ${"figure".padEnd(width)} | ${sizes.map((n) => `${n} articles`).join(" | ")} |`);
console.log(`| ${"-".repeat(width)} | ${sizes.map(() => "---").join(" | ")} |`);
for (const label of labels) console.log(`| ${label.padEnd(width)} | ${rows.map((r) => r[label]).join(" | ")} |`);
