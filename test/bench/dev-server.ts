// The dev server's part of `npm run bench`: start it on a generated site, edit one article, and time
// until the output shows the edit and until its search index holds it; its resident memory and live
// heap after the first and last edits.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { searchRoot } from "../../src/build/dev-server.ts";
import { STATE_FILE } from "../../src/search/background-indexer.ts";
import { outputPathFor } from "../../src/digest/urls.ts";
import { exited, treeRss, waitFor } from "./measure.ts";

/** Edits made in the dev server. */
export const DEV_EDITS = 10;
// The dev server's live heap: on SIGUSR2 it collects all garbage and prints the heap that is left. The
// resident size alone cannot show whether memory grows with edits: V8 frees it when it likes.
const HEAP_PROBE = `data:text/javascript,process.on("SIGUSR2", () => { gc(); process.stderr.write("live heap " + process.memoryUsage().heapUsed + "\\n"); });`;

/** Starts `npm start`'s server on the site, edits one article, and times until the output shows it. */
export async function devServer(
  start: readonly string[],
  dir: string,
  url: string,
  editBody: (mark: string) => void,
  editTags: (tag: string) => void,
) {
  const port = String(18_000 + Math.floor(Math.random() * 1000));
  // Exactly what `npm start` runs, on a port of its own, with the heap probe.
  const args = ["--expose-gc", `--import=${HEAP_PROBE}`, ...start, `--port=${port}`];
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
    const bodies: number[] = [];
    for (let i = 1; i <= DEV_EDITS; i++) {
      const mark = `Benchmark edit number ${i}.`;
      const before = watching();
      const edited = performance.now();
      editBody(mark);
      await waitFor(() => shows(page, mark), 60_000, "the edited page");
      bodies.push((performance.now() - edited) / 1000);
      await waitFor(() => watching() > before, 60_000, "the rebuild to finish");
      rss.push(treeRss(child.pid ?? 0));
      if (i === 1 || i === DEV_EDITS) await liveHeap();
    }
    // The index the server makes of the whole site once it starts, then an edit once that is done: a
    // word no article holds, until the index (brought up to date once edits pause) holds it.
    const record = join(dir, searchRoot(".dev"), STATE_FILE);
    await waitFor(() => existsSync(record), 1_800_000, "the first search index");
    const searchReady = (performance.now() - started) / 1000;
    const word = `benchmarkword${Date.now().toString(36)}`;
    const saved = Date.now();
    const searched = performance.now();
    editBody(`Benchmark search for ${word}.`);
    await waitFor(() => indexHolds(join(dir, searchRoot(".dev")), word, saved), 900_000, "the search index");
    const search = (performance.now() - searched) / 1000;
    const edited = performance.now();
    editTags("Benchmark Dev Tag");
    await waitFor(
      () => shows(join(dir, ".dev/tags/benchmark-dev-tag/index.html"), "Benchmark Dev Tag"),
      60_000,
      "the new tag page",
    );
    const sorted = [...bodies].sort((a, b) => a - b);
    const body = { median: sorted[Math.floor(sorted.length / 2)] ?? 0, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
    return { start, body, searchReady, search, tags: (performance.now() - edited) / 1000, rss, heap };
  } catch (error) {
    throw new Error(`${(error as Error).message}; the dev server said:\n${log.slice(-2000)}`);
  } finally {
    child.kill("SIGINT");
    await exited(child);
  }
}

/**
 * Whether a page fragment of the index in `root`, written since `since` (ms), holds `word`: each
 * page's text is in its fragment, written in the same bundle as the word index that finds it.
 */
function indexHolds(root: string, word: string, since: number): boolean {
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    const entries = existsSync(folder) ? readdirSync(folder, { withFileTypes: true }) : [];
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) folders.push(path);
      else if (entry.name.endsWith(".pf_fragment") && fragmentHolds(path, word, since)) return true;
    }
  }
  return false;
}

/** Whether the fragment at `path`, written since `since`, holds `word`; false for one removed since it was listed. */
function fragmentHolds(path: string, word: string, since: number): boolean {
  try {
    return statSync(path).mtimeMs >= since - 1000 && gunzipSync(readFileSync(path)).includes(word);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
