// `npx tsx test/bench/search-site.ts DIST [word…]`: what searches cost in Chromium over the index of a
// site already built (read-only: its `pagefind/` folder is served through a link, nothing is written).
import { queryCosts } from "./search-queries.ts";

const [dist, ...words] = process.argv.slice(2);
if (!dist) throw new Error("usage: search-site.ts DIST [word…]");
const costs = await queryCosts(dist, words.length > 0 ? words : ["harbour", "Westerleigh regulator"]);
for (const c of costs)
  console.log(
    `${c.what.padEnd(34)} ${c.ms.toFixed(0)} ms, ${(c.bytes / 1024).toFixed(0)} KB fetched in ${c.requests} requests, ${c.status}`,
  );
