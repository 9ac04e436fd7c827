// `npm run lighthouse`: Lighthouse 12.2 with its default (mobile) settings on the home page and an
// article page of the sample site, built into a temporary folder and served on localhost by Debian's
// Chromium. Prints the four category scores of each page (the median of `--runs` runs, 3 by default,
// as Lighthouse's own guidance on variability advises), and the audits that cost points; exits 1 when
// a score is below the gate (`--min 95` by default).
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { buildSampleSite } from "../helpers/sample-site.ts";
import { serveSite } from "../helpers/static-server.ts";
import { chromiumFlags, chromiumPath } from "./chromium.ts";
import { pageKinds } from "./pages.ts";

/** Options of the gate. */
interface GateOptions {
  /** Lowest score (0-100) any category may have. Default 95. */
  min: number;
  /** Page kinds (from pages.ts) to audit. Default home and article. */
  kinds: string[];
  /** Runs per page; each category's score is the median. Default 3. */
  runs: number;
}

/** The gate's defaults: the scores CI requires, on which pages, over how many runs. */
const gateDefaults = { min: 95, kinds: ["home", "article"], runs: 3 } satisfies GateOptions;

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

/** One page's scores (0-100) by category, the audits that lost points, and requests that left the machine. */
interface PageScores {
  name: string;
  scores: Record<string, number>;
  lost: string[];
  outside: string[];
}

async function audit(url: string, name: string, port: number): Promise<PageScores> {
  const result = await lighthouse(url, { port, logLevel: "error", output: "json", onlyCategories: CATEGORIES });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]));
  const lost = CATEGORIES.flatMap((id) =>
    (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => {
        const a = lhr.audits[ref.id];
        return `  ${id}: ${ref.id} scored ${a?.score ?? "?"}${a?.displayValue ? ` (${a.displayValue})` : ""}: ${a?.title ?? ""}`;
      }),
  );
  // The page must load nothing from elsewhere: the build and its checks work offline.
  const requests = (lhr.audits["network-requests"]?.details as { items?: { url?: string }[] } | undefined)?.items ?? [];
  const outside = requests
    .map((r) => r.url ?? "")
    .filter((u) => !u.startsWith(new URL(url).origin) && !u.startsWith("data:"));
  return { name, scores, lost, outside };
}

/** Each category's median score over several runs of one page, and what the median run lost. */
function median(runs: PageScores[]): PageScores {
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => {
      const sorted = runs.map((r) => r.scores[c] ?? 0).sort((a, b) => a - b);
      return [c, sorted[Math.floor(sorted.length / 2)] ?? 0];
    }),
  );
  // The run whose performance score is the median explains it best.
  const typical = runs.find((r) => r.scores.performance === scores.performance) ?? runs[0]!;
  const outside = [...new Set(runs.flatMap((r) => r.outside))];
  return { name: typical.name, scores, lost: typical.lost, outside };
}

/** Table of scores, one row per page. */
function table(results: PageScores[]): string {
  const rows = [
    ["page", ...CATEGORIES],
    ...results.map((r) => [r.name, ...CATEGORIES.map((c) => String(r.scores[c]))]),
  ];
  return rows
    .map((row) => row.map((cell, i) => cell.padEnd(i === 0 ? 10 : CATEGORIES[i - 1]!.length + 2)).join(""))
    .join("\n");
}

async function main(options: GateOptions): Promise<number> {
  const site = await buildSampleSite();
  const server = await serveSite(site.output);
  const chrome = await launch({ chromePath: chromiumPath, chromeFlags: chromiumFlags, logLevel: "silent" });
  try {
    const results: PageScores[] = [];
    for (const name of options.kinds) {
      const kind = pageKinds.find((k) => k.name === name);
      if (!kind) throw new Error(`No page kind "${name}" in test/browser/pages.ts`);
      const runs: PageScores[] = [];
      for (let i = 0; i < options.runs; i++) runs.push(await audit(`${server.url}${kind.path}`, name, chrome.port));
      results.push(median(runs));
    }
    console.log(`Lighthouse 12.2, mobile settings, median of ${options.runs} runs, ${server.url}\n${table(results)}`);
    for (const r of results)
      if (r.lost.length > 0) console.log(`${r.name}: audits below full marks\n${r.lost.join("\n")}`);
    const low = results.flatMap((r) =>
      CATEGORIES.filter((c) => (r.scores[c] ?? 0) < options.min).map((c) => `${r.name} ${c} ${r.scores[c]}`),
    );
    const outside = results.flatMap((r) => r.outside.map((u) => `${r.name} requested ${u}`));
    if (outside.length > 0) {
      console.error(`Lighthouse gate failed: expected every request on the local server; got\n${outside.join("\n")}`);
      return 1;
    }
    if (low.length > 0) {
      console.error(`Lighthouse gate failed: expected every score at ${options.min} or more; got ${low.join(", ")}`);
      return 1;
    }
    console.log(`Lighthouse gate passed: every score at ${options.min} or more.`);
    return 0;
  } finally {
    chrome.kill();
    await server.close();
    await site.remove();
  }
}

const argv = process.argv.slice(2);
const flag = (name: string) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : undefined);
const options: GateOptions = {
  ...gateDefaults,
  min: flag("--min") ?? gateDefaults.min,
  runs: flag("--runs") ?? gateDefaults.runs,
};
if (!(Number.isInteger(options.runs) && options.runs >= 1) || !(options.min >= 0 && options.min <= 100)) {
  console.error(
    `Expected --runs to be a whole number from 1 and --min a score from 0 to 100; got --runs ${options.runs} --min ${options.min}`,
  );
  process.exitCode = 2;
} else {
  process.exitCode = await main(options);
}
