// `npx tsx test/bench/search-shards.ts [--articles 10000] [--shard-size 2500] [--keep DIR]`: the search index alone,
// sharded and as one Pagefind bundle, over a generated corpus: a cold build, a one-article edit, and
// queries in Chromium (time and bytes fetched). Prints one line per figure; CPU time beside wall time,
// since the machine may be shared.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { load } from "js-yaml";
import { buildDigest } from "../../src/digest/digest.ts";
import { createMarkdown } from "../../src/content/markdown.ts";
import type { Article } from "../../src/content/article.ts";
import { Publisher } from "../../src/publish/publisher.ts";
import { publishSearchIndex } from "../../src/search/pagefind.ts";
import { article, testSettings } from "../helpers/articles.ts";
import { generateCorpus } from "./corpus.ts";
import { childCpuSeconds, treeRss } from "./measure.ts";
import { queryCosts } from "./search-queries.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "10000" },
    "shard-size": { type: "string", default: "2500" },
    // Keeps both indexes in DIR/sharded/dist and DIR/single/dist, for test/bench/search-site.ts.
    keep: { type: "string" },
    // Which indexes to build (`sharded,single`), and whether to skip the edit: a single index of a large
    // corpus is built only to see how its queries grow.
    variants: { type: "string", default: "sharded,single" },
    "cold-only": { type: "boolean", default: false },
  },
});
const count = Number(values.articles);
const shardSize = Number(values["shard-size"]);

/** The corpus as validated articles, bodies rendered by the project's Markdown. */
function articles(): Article[] {
  const md = createMarkdown();
  return generateCorpus({ articles: count }).map((file, i) => {
    const [, front = "", body = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(file.text) ?? [];
    const fm = load(front) as { title: string; date: string; source: string; tags: string[] };
    const slug = `a${i}`;
    return article(slug, fm.date, {
      title: fm.title,
      source: fm.source,
      tags: fm.tags,
      bodyHtml: md.render(body),
      bodyKey: `${slug}:${body.length}`,
    });
  });
}

/** Runs `work`, sampling the memory of this process and its children; gives wall and CPU seconds and the peak. */
async function measured<T>(work: () => Promise<T>) {
  const cpu0 = process.cpuUsage();
  const child0 = childCpuSeconds();
  const started = performance.now();
  let peak = treeRss(process.pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(process.pid))), 100);
  const result = await work();
  clearInterval(timer);
  const cpu = process.cpuUsage(cpu0);
  const child = childCpuSeconds();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 + child.user - child0.user + child.kernel - child0.kernel;
  return { result, wall: (performance.now() - started) / 1000, cpu: cpuSeconds, peakMb: peak / 2 ** 20 };
}

const line = (label: string, m: { wall: number; cpu: number; peakMb: number }, extra = "") =>
  console.log(
    `${label.padEnd(34)} wall ${m.wall.toFixed(1)} s, CPU ${m.cpu.toFixed(1)} s, peak tree RSS ${Math.round(m.peakMb)} MB${extra}`,
  );

const all = articles();
console.log(
  `${count} articles, shards of at most ${shardSize}; Node RSS before indexing ${Math.round(treeRss(process.pid) / 2 ** 20)} MB`,
);
const root = values.keep ?? (await mkdtemp(join(tmpdir(), "broadsheet-search-bench-")));
const sites: Record<string, string> = {};
try {
  const variants = [
    ["sharded", shardSize],
    ["single", Number.MAX_SAFE_INTEGER],
  ] as const;
  for (const [name, size] of variants.filter(([name]) => values.variants.split(",").includes(name))) {
    const settings = { ...testSettings, searchShardSize: size };
    const out = join(root, name, "dist");
    const cacheFile = join(root, name, "search.json");
    const publish = async (list: Article[]) => {
      const publisher = new Publisher(out);
      const index = await publishSearchIndex(buildDigest(settings, list), publisher, cacheFile, "bench", {
        notice: () => undefined,
        // One index is what the build made before shards: an edit reindexes it, no overlay.
        overlay: name === "single" ? { most: 0 } : {},
      });
      await publisher.commit();
      await index.save();
      return index;
    };
    const cold = await measured(() => publish(all));
    line(
      `${name}: cold index build`,
      cold,
      `; ${cold.result.shards} shards, ${(cold.result.bytes / 2 ** 20).toFixed(1)} MB in ${cold.result.files} files`,
    );
    sites[name] = out;
    if (values["cold-only"]) continue;
    // One body edited in the middle of the archive.
    const middle = Math.floor(all.length / 2);
    const edited = all.map((a, i) =>
      i === middle ? { ...a, bodyHtml: `${a.bodyHtml}<p>An added line.</p>`, bodyKey: `${a.bodyKey}+` } : a,
    );
    const edit = await measured(() => publish(edited));
    line(
      `${name}: one-article edit`,
      edit,
      `; ${edit.result.reindexed} bundle(s) indexed, ${edit.result.delta} article(s) in the delta`,
    );
  }
  for (const [name, out] of Object.entries(sites)) {
    const costs = await queryCosts(out, ["harbour", "Westerleigh regulator"]);
    for (const c of costs)
      console.log(
        `${`${name}: ${c.what}`.padEnd(34)} ${c.ms.toFixed(0)} ms, ${(c.bytes / 1024).toFixed(0)} KB fetched in ${c.requests} requests, ${c.status}`,
      );
  }
} finally {
  if (!values.keep) await rm(root, { recursive: true, force: true });
}
