// What a search costs in Chromium over a built index folder: the search page's own script on a bare
// page (the same element ids), time until the status line reports, and bytes fetched (encoded sizes
// with headers, the worker's requests included), for the first search (the page load) and each after.
// The index folder is linked, never written to, so a built site can be measured read-only.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { facetCounts } from "../../src/search/facets.ts";
import { indexedDocs } from "../../src/search/fragments.ts";
import { readSearchCache } from "../../src/search/shard-cache.ts";
import { DELTA_ID } from "../../src/search/update-index.ts";
import { launchChromium } from "../browser/chromium.ts";
import { serveSite } from "../helpers/static-server.ts";

/** The search page's script; another (an older version, to compare) with `script`. */
const SCRIPT = fileURLToPath(new URL("../../layouts/assets/search-page.js", import.meta.url));
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title>
<link rel="modulepreload" href="/pagefind/pagefind.js"><script type="module" src="/search-page.js"></script></head>
<body><form><input id="search-q" name="q"><select id="search-tag"><option value="">All</option></select>
<select id="search-source"><option value="">All</option></select>
<select id="search-sort"><option value="relevance">Best</option><option value="newest">Newest</option><option value="oldest">Oldest</option></select></form>
<p id="search-status"></p><ol id="search-results"></ol><button id="search-more" hidden>More</button></body></html>`;

/** One measured search. */
export interface QueryCost {
  what: string;
  ms: number;
  bytes: number;
  requests: number;
  status: string;
}

/**
 * Searches `words[0]` by loading the page, then each further word, then the last newest first, then
 * the same narrowed to the first tag of the tag menu (alphabetically). `outDir` is only read.
 */
export async function queryCosts(outDir: string, words: readonly string[], script = SCRIPT): Promise<QueryCost[]> {
  const root = await mkdtemp(join(tmpdir(), "broadsheet-search-queries-"));
  await linkIndex(resolve(outDir, "pagefind"), join(root, "pagefind"));
  await copyFile(script, join(root, "search-page.js"));
  await writeFile(join(root, "search.html"), PAGE);
  await writeFile(join(root, "404.html"), "Not found");
  const server = await serveSite(root);
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    page.on("console", (message) => console.error(`console: ${message.text().slice(0, 200)}`));
    page.on("pageerror", (error) => console.error(`page error: ${String(error).slice(0, 200)}`));
    let bytes = 0;
    let requests = 0;
    // Pagefind fetches from a worker; Playwright reports those requests with the page's.
    page.on("requestfinished", async (request) => {
      const sizes = await request.sizes().catch(() => undefined);
      if (!sizes) return;
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      requests++;
      // SEARCH_BYTES_DETAIL=1: one line per request (path and bytes), to see which files a search fetches.
      if (process.env.SEARCH_BYTES_DETAIL)
        console.error(`  ${new URL(request.url()).pathname} ${sizes.responseBodySize + sizes.responseHeadersSize}`);
    });
    const status = page.locator("#search-status");
    const costs: QueryCost[] = [];
    const step = async (what: string, act: () => Promise<unknown>) => {
      // A marker in the result list: a search replaces the list's children, so its absence means the search ran.
      await page
        .evaluate(() =>
          document
            .getElementById("search-results")
            ?.append(Object.assign(document.createElement("li"), { id: "stale" })),
        )
        .catch(() => undefined);
      bytes = 0;
      requests = 0;
      if (process.env.SEARCH_BYTES_DETAIL) console.error(what);
      const started = performance.now();
      await act();
      await page
        .waitForFunction(
          () =>
            !document.getElementById("stale") &&
            /results?\b|No results/.test(document.getElementById("search-status")?.textContent ?? ""),
          undefined,
          { timeout: Number(process.env.QUERY_TIMEOUT_MS ?? 120_000), polling: 5 },
        )
        .catch(async (error: unknown) => {
          throw new Error(`${what}: the status line said "${await status.textContent()}"`, { cause: error });
        });
      const ms = performance.now() - started;
      // Fragments of the shown results load just after the status line: let them land.
      await page.waitForLoadState("networkidle");
      costs.push({ what, ms, bytes, requests, status: (await status.textContent()) ?? "" });
    };
    const [first, ...rest] = words;
    await step(`load + search "${first}"`, () =>
      page.goto(`${server.url}/search.html?q=${encodeURIComponent(first ?? "")}`),
    );
    for (const word of rest)
      await step(`search "${word}"`, async () => {
        await page.locator("#search-q").fill(word);
        await page.locator("#search-q").press("Enter");
      });
    await step("same, newest first", () => page.locator("#search-sort").selectOption("newest"));
    await step("same, first tag", () => page.locator("#search-tag").selectOption({ index: 1 }));
    return costs;
  } finally {
    await browser.close();
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * Links each entry of the index folder `from` into `to`; an index built before the menus' counts were
 * written (`filters.json`) gets them made from what it holds, less the superseded results: from the
 * build's search cache beside the output when there is one (it records each result's filters), else
 * from the bundles' fragments. That is the file a build of today adds beside the same bundles.
 */
async function linkIndex(from: string, to: string): Promise<void> {
  await mkdir(to);
  const names = await readdir(from);
  for (const name of names) await symlink(join(from, name), join(to, name));
  if (names.includes("filters.json")) return;
  const entries = JSON.parse(await readFile(join(from, "shards.json"), "utf8")) as {
    path: string;
    superseded?: [string, unknown][];
  }[];
  const cache = await readSearchCache(join(from, "../../.cache/broadsheet/search.json"), () => undefined);
  const filters: Record<string, string[]>[] = [];
  for (const entry of entries) {
    const dropped = new Set((entry.superseded ?? []).map(([id]) => id));
    const id = entry.path.slice(0, -1);
    const record = id === DELTA_ID ? cache.delta : cache.shards[id];
    let docs = Object.values(record?.docs ?? {}).map(([, doc, of]) => ({ id: doc, filters: of }));
    if (!record?.docs) {
      const folder = join(from, entry.path, "fragment");
      const files = [];
      for (const name of await readdir(folder))
        files.push({ path: `fragment/${name}`, content: await readFile(join(folder, name)) });
      docs = indexedDocs(files);
    }
    for (const doc of docs) if (!dropped.has(doc.id)) filters.push(doc.filters);
  }
  await writeFile(join(to, "filters.json"), JSON.stringify(facetCounts(filters)));
}
