// `npm run bench`: builds synthetic sites of N articles in a temporary folder and prints what they cost.
// Options: --articles N (repeatable; default 1000 and 10000), --keep (keep the folders), --tmp DIR,
// --images K (instead: the image benchmark, K photos on a site of K articles unless --articles says more),
// --no-search (the sites turn search off: the build without Pagefind).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildDigest } from "../../src/digest/digest.ts";
import { loadContent } from "../../src/content/load.ts";
import { relatedArticles } from "../../src/digest/related.ts";
import { searchRecords } from "../../src/search/records.ts";
import { indexFiles } from "../../src/search/pagefind.ts";
import { outputPathFor } from "../../src/digest/urls.ts";
import { generateCorpus, generateSettings } from "./corpus.ts";
import { imageBench } from "./image-bench.ts";
import { exited, measure, type RunResult, treeRss, waitFor } from "./measure.ts";

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
const DEV_EDITS = 10;
// The dev server's live heap: on SIGUSR2 it collects all garbage and prints the heap that is left. The
// resident size alone cannot show whether memory grows with edits: V8 frees it when it likes.
const HEAP_PROBE = `data:text/javascript,process.on("SIGUSR2", () => { gc(); process.stderr.write("live heap " + process.memoryUsage().heapUsed + "\\n"); });`;

const { values } = parseArgs({
  options: {
    articles: { type: "string", multiple: true },
    keep: { type: "boolean" },
    tmp: { type: "string" },
    images: { type: "string" },
    "no-search": { type: "boolean" },
  },
});
const sizes = (values.articles ?? (values.images ? [values.images] : ["1000", "10000"])).map(Number);

/** One site size's figures, in the order the table prints them. */
type Row = Record<string, string>;

async function bench(n: number): Promise<Row> {
  const dir = await mkdtemp(join(values.tmp ?? tmpdir(), `broadsheet-bench-${n}-`));
  const content = join(dir, "content");
  await mkdir(join(content, "_data"), { recursive: true });
  await writeFile(join(content, "_data", "site.json"), JSON.stringify(generateSettings(!values["no-search"])));
  for (const file of generateCorpus({ articles: n })) {
    await mkdir(dirname(join(content, "articles", file.path)), { recursive: true });
    await writeFile(join(content, "articles", file.path), file.text);
  }
  // Exactly what `npm run build` runs, in the generated site's folder.
  const build = () => measure(process.execPath, nodeArgs("build"), dir);

  const { articles, settings } = await loadContent({ contentDir: content, root: dir });
  const items = articles.map((a) => ({ url: a.url, time: a.date.toMillis(), tags: a.tags }));
  const relatedMs = Math.min(...[0, 1, 2].map(() => time(() => relatedArticles(items))));
  const target = articles[Math.floor(articles.length / 2)]!;
  const file = join(dir, target.file);
  const original = readFileSync(file, "utf8");
  const editBody = (mark: string) => writeFileSync(file, `${original}\n\n${mark}\n`);
  const editTags = (tag: string) => writeFileSync(file, original.replace(/^tags:\n/m, `tags:\n  - "${tag}"\n`));

  const first = await build();
  const second = await build();
  editBody("Benchmark edit of the body.");
  const body = await build();
  editTags("Benchmark Tag");
  const tags = await build();
  writeFileSync(file, original);

  const dev = await devServer(dir, target.url, editBody, editTags);
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
  return {
    "full build, wall s": seconds(first.wall),
    "full build, CPU s (of which kernel)": `${seconds(first.cpu)} (${seconds(first.kernel)})`,
    "full build, peak RSS MB": mb(first.peakRss),
    "pages written": pages(first),
    "second build (nothing changed), wall s": seconds(second.wall),
    "rebuild after a body edit (build cache), wall s": `${seconds(body.wall)} (${pages(body)} written)`,
    "rebuild after a tags edit (build cache), wall s": `${seconds(tags.wall)} (${pages(tags)} written)`,
    "dev server: start until watching, s": seconds(dev.start),
    "dev server: body edit until page written, ms": String(Math.round(dev.body * 1000)),
    "dev server: tags edit until tag page written, ms": String(Math.round(dev.tags * 1000)),
    [`dev server: RSS after 1 and ${DEV_EDITS} edits, MB`]: `${mb(dev.rss[0] ?? 0)} → ${mb(dev.rss.at(-1) ?? 0)}`,
    [`dev server: live heap after 1 and ${DEV_EDITS} edits, MB`]: `${mb(dev.heap[0] ?? 0)} → ${mb(dev.heap.at(-1) ?? 0)}`,
    "related articles for all, ms": String(Math.round(relatedMs)),
    "search records from the digest, ms": String(Math.round(recordsMs)),
    "search index by Pagefind (alone), s": seconds(pagefindMs / 1000),
    "search index, files (fragments)": `${index.length} (${index.filter((f) => f.path.startsWith("fragment/")).length})`,
    "search index, KB": Math.round(index.reduce((sum, f) => sum + f.content.byteLength, 0) / 1024).toLocaleString(
      "en-US",
    ),
  };
}

/** Starts `npm start`'s server on the site, edits one article, and times until the output shows it. */
async function devServer(dir: string, url: string, editBody: (mark: string) => void, editTags: (tag: string) => void) {
  const port = String(18_000 + Math.floor(Math.random() * 1000));
  // Exactly what `npm start` runs, on a port of its own, with the heap probe.
  const args = ["--expose-gc", `--import=${HEAP_PROBE}`, ...nodeArgs("start"), `--port=${port}`];
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  try {
    await waitFor(() => log.includes("Serving "), 300_000, "the dev server's first build");
    const start = (performance.now() - started) / 1000;
    // The dev server prints one line per build ("Built: …", then "Rebuilt after <file>: …"). The
    // watcher may still be scanning the folder: probe with harmless rewrites until it reports one.
    const watching = () => log.match(/^(?:Built|Rebuilt)\b/gm)?.length ?? 0;
    for (let probe = 0; !log.includes("Rebuilt after"); probe++) {
      editBody(`Benchmark probe ${probe}.`);
      await waitFor(() => log.includes("Rebuilt after"), 1000, "the watcher").catch(() => undefined);
    }
    const page = join(dir, ".dev", outputPathFor(url));
    const shows = (path: string, text: string) => existsSync(path) && readFileSync(path, "utf8").includes(text);
    const rss: number[] = [];
    const heap: number[] = [];
    const liveHeap = async () => {
      const probes = () => [...log.matchAll(/live heap (\d+)/g)].map((m) => Number(m[1]));
      const before = probes().length;
      child.kill("SIGUSR2");
      await waitFor(() => probes().length > before, 60_000, "the live heap");
      heap.push(probes()[before] ?? 0);
    };
    let body = Infinity;
    for (let i = 1; i <= DEV_EDITS; i++) {
      const mark = `Benchmark edit number ${i}.`;
      const before = watching();
      const edited = performance.now();
      editBody(mark);
      await waitFor(() => shows(page, mark), 60_000, "the edited page");
      body = Math.min(body, (performance.now() - edited) / 1000);
      await waitFor(() => watching() > before, 60_000, "the rebuild to finish");
      rss.push(treeRss(child.pid ?? 0));
      if (i === 1 || i === DEV_EDITS) await liveHeap();
    }
    const edited = performance.now();
    editTags("Benchmark Dev Tag");
    await waitFor(
      () => shows(join(dir, ".dev/tags/benchmark-dev-tag/index.html"), "Benchmark Dev Tag"),
      60_000,
      "the new tag page",
    );
    return { start, body, tags: (performance.now() - edited) / 1000, rss, heap };
  } catch (error) {
    throw new Error(`${(error as Error).message}; the dev server said:\n${log.slice(-2000)}`);
  } finally {
    child.kill("SIGINT");
    await exited(child);
  }
}

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}
const seconds = (s: number) => s.toFixed(2);
const mb = (bytes: number) => String(Math.round(bytes / 1024 / 1024));
const pages = (r: RunResult) =>
  /: (\d+) files \((\d+) pages rendered, (\d+) files written\)/.exec(r.stdout)?.[3] ?? "?";

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
