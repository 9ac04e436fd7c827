// `node --import tsx test/bench/digest-edit.ts --site DIR [--profile FILE]`: the digest and page keys
// of a built site's content, as a production build makes them, first from nothing and then after a
// body edit with the digest cache the first one wrote (new article objects, as in a new process).
// DIR holds `content/` and the `.cache/broadsheet` of a build (read only: the digest cache goes to a
// temporary folder). CPU time is reported per phase; `--profile` writes a CPU profile of the edit's.
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeFile } from "node:fs/promises";
import { DateTime } from "luxon";
import type { Article } from "../../src/content/article.ts";
import { loadContent } from "../../src/content/load.ts";
import { readMarkdownCache } from "../../src/content/markdown-cache.ts";
import { readParseCache } from "../../src/content/parse-cache.ts";
import { readDigestCache, writeDigestCache } from "../../src/digest/digest-cache.ts";
import { buildDigest, type DigestMemo } from "../../src/digest/digest.ts";
import { pageKeys } from "../../src/digest/page-keys.ts";

const { values } = parseArgs({ options: { site: { type: "string" }, profile: { type: "string" } } });
const site = values.site ?? ".";
const cacheDir = join(site, ".cache", "broadsheet");
// The caches' own version (the code that wrote them), so that this checkout's other code still reads them.
// Without a build's caches every body is rendered first.
const header = existsSync(join(cacheDir, "parse.cache"))
  ? (readFileSync(join(cacheDir, "parse.cache")).subarray(0, 200).toString().split("\n")[0] ?? "")
  : "";
const version = header.split("\t")[1] ?? "";
const cache = await readMarkdownCache(join(cacheDir, "markdown.cache"), version);
cache.parses = await readParseCache(join(cacheDir, "parse.cache"), version);
const now = DateTime.fromISO("2026-11-30T00:00:00Z");
const loaded = await loadContent({ contentDir: join(site, "content"), root: site, now, cache });
console.log(`${loaded.articles.length} articles loaded`);

const work = await mkdtemp(join(tmpdir(), "digest-edit-"));
/** Runs `run` and prints its CPU time (user + system) and wall time. */
function measure<T>(label: string, run: () => T): T {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = run();
  const used = process.cpuUsage(cpu);
  console.log(
    `${label.padEnd(40)} cpu ${((used.user + used.system) / 1e6).toFixed(2)} s, wall ${((performance.now() - wall) / 1000).toFixed(2)} s`,
  );
  return result;
}
const digestOf = (articles: readonly Article[], memo: DigestMemo) =>
  buildDigest(loaded.settings, articles, loaded.images, memo, now, loaded.cards);
const file = join(work, "digest.cache");
const memo: DigestMemo = {};
const first = measure("digest, from nothing", () => digestOf(loaded.articles, memo));
measure("page keys, from nothing", () => pageKeys(first, version));
const written = performance.now();
await writeDigestCache(file, version, memo);
console.log(`digest cache written in ${((performance.now() - written) / 1000).toFixed(2)} s`);

// A body edit past the first paragraph, as `npm run bench` makes: a new article object, a new body key.
const edited = loaded.articles.map((a, i) =>
  i === Math.floor(loaded.articles.length / 2)
    ? { ...a, bodyHtml: `${a.bodyHtml}\n<p>Benchmark edit of the body.</p>`, bodyKey: `${a.bodyKey ?? ""}edited` }
    : { ...a },
);
// The profile, when asked for, covers the rebuild after the edit only: what a body edit costs.
const session = new Session();
session.connect();
if (values.profile) {
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
}
const reading = performance.now();
const kept = await readDigestCache(file, version);
console.log(`digest cache read in ${((performance.now() - reading) / 1000).toFixed(2)} s`);
const second = measure("digest after a body edit", () => digestOf(edited, kept));
measure("page keys after a body edit", () => pageKeys(second, version));

if (values.profile) {
  const { profile } = await session.post("Profiler.stop");
  await writeFile(values.profile, JSON.stringify(profile));
}
session.disconnect();
await rm(work, { recursive: true, force: true });
