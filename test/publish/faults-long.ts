// `npm run test:faults`: the long fault-injection run. A generated site (default 2,000 articles, search
// off) has its build killed at 100 steps: the five of the commit and 95 drawn at random (seeded), each
// with SIGKILL or SIGINT drawn at random; after each, dist/
// must be exactly the old or the new site and the next build must equal a clean build.
// Options: --articles N, --kills K, --seed S, --tmp DIR. Exits 1 if any kill broke a promise.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus, generateSettings } from "../bench/corpus.ts";
import { createRandom } from "../bench/random.ts";
import { runFaults } from "./fault-run.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string" },
    kills: { type: "string" },
    seed: { type: "string" },
    tmp: { type: "string" },
  },
});
const articles = Number(values.articles ?? 2000);
const kills = Number(values.kills ?? 100);
const random = createRandom(Number(values.seed ?? 13));

const root = await mkdtemp(join(values.tmp ?? tmpdir(), `broadsheet-faults-${articles}-`));
const content = join(root, "content");
await mkdir(join(content, "_data"), { recursive: true });
await writeFile(
  join(content, "_data", "site.json"),
  JSON.stringify(generateSettings({ search: false, socialCards: false })),
);
for (const file of generateCorpus({ articles })) {
  await mkdir(dirname(join(content, "articles", file.path)), { recursive: true });
  await writeFile(join(content, "articles", file.path), file.text);
}
const started = performance.now();
const results = await runFaults(
  { root, content },
  (steps) => {
    console.log(`${articles} articles: the build has ${steps.length} steps; killing it at ${kills} of them`);
    // The five steps of the commit (the switch among them) always, the rest drawn from all steps.
    const commit = ["files written", "manifest written", "link made", "switched", "cleaned up"];
    const points = new Set(commit.map((name) => steps.indexOf(name) + 1).filter((step) => step > 0));
    while (points.size < Math.min(kills, steps.length)) points.add(random.int(1, steps.length));
    // In the order drawn, the commit's steps first: a run cut short has still covered the switch.
    return [...points].map((step) => ({ step, signal: random.pick(["SIGKILL", "SIGINT"]) }));
  },
  (r) =>
    console.log(
      `${r.signal.padEnd(7)} at step ${r.step} (${r.name}): dist/ ${r.found}; next build ${r.recovered ? "equals" : "DIFFERS FROM"} a clean build; ${r.leftovers} entries in dist.builds`,
    ),
);
const broken = results.filter((r) => r.found === "mixed" || !r.recovered || r.leftovers > 4);
const count = (found: string) => results.filter((r) => r.found === found).length;
console.log(
  `${results.length} kills: ${count("old")} left the old site, ${count("new")} the new one, ${count("mixed")} a mix; ${broken.length} broke a promise; ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
await rm(root, { recursive: true, force: true });
process.exitCode = broken.length === 0 ? 0 : 1;
