// `npx tsx test/bench/search-site.ts DIST [--script search-page.js] [word…]`: what searches cost in
// Chromium over the index of a site already built (read-only: its `pagefind/` folder is served through
// links, nothing is written), with the page's script of this tree or another (to compare versions).
import { parseArgs } from "node:util";
import { queryCosts } from "./search-queries.ts";

const { values, positionals } = parseArgs({ options: { script: { type: "string" } }, allowPositionals: true });
const [dist, ...words] = positionals;
if (!dist) throw new Error("usage: search-site.ts DIST [--script FILE] [word…]");
const costs = await queryCosts(dist, words.length > 0 ? words : ["harbour", "Westerleigh regulator"], values.script);
for (const c of costs)
  console.log(
    `${c.what.padEnd(34)} ${c.ms.toFixed(0)} ms, ${(c.bytes / 1024).toFixed(0)} KB fetched in ${c.requests} requests, ${c.status}`,
  );
