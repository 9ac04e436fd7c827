// How a process of this project gets Node ready for its TypeScript: the compile cache where Node has
// one (22.1 and later), and tsx where Node cannot strip types itself (20). Plain JavaScript, so that any
// Node can read it; used by run.js and by the start-up probe (test/bench/import-build.mjs).
import module from "node:module";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";

/** Packages that `build` and `start` always load, plain JavaScript, the heaviest first. */
export const PRELOADED = ["@11ty/eleventy", "zod", "markdown-it", "luxon"];

/**
 * Where Node keeps the compiled code of the modules it loads: under the project's `.cache/`, beside the
 * code it describes (not the site's caches: a cold build of the site still starts from compiled code).
 */
export const COMPILE_CACHE = fileURLToPath(new URL("../../.cache/node-compile", import.meta.url));

/** What of `node:module` this file uses that Node 20's types do not declare. */
/** @typedef {{ enableCompileCache?: (directory: string) => { status: number } }} CompileCacheApi */

/**
 * V8 flags for a process that runs once and ends (`build`), by V8's version. V8 11 (Node 20) has no
 * compiler between its baseline and TurboFan: each function that gets warm is compiled by TurboFan at
 * once, on the other core. A cold build of 1,000 articles made about 600 such compiles, 1.5 s of CPU,
 * most of them start-up code that runs a few hundred times and never again. With 18 times V8's budget
 * (67,584) a function tiers up later: about 1 s of CPU less at 1,000 articles, the same at 10,000
 * (docs/build-speed.md). V8 12 and 13 (Node 22, 24) put Maglev first, gain nothing from raising their
 * own threshold and do not know this flag.
 * @param {string} version V8's version (`process.versions.v8`)
 * @returns {string[]}
 */
export function batchFlags(version) {
  return version.startsWith("11.") ? ["--interrupt-budget=1200000"] : [];
}

/**
 * V8's own values of the flags batchFlags sets (V8 11's interrupt budget is 66 KB), by V8's version:
 * for a build that finds a previous output or a large site (leaveBatch).
 * @param {string} version V8's version (`process.versions.v8`)
 * @returns {string[]}
 */
export function unbatchFlags(version) {
  return version.startsWith("11.") ? ["--interrupt-budget=67584"] : [];
}

/**
 * Gives a build V8's own tiering back from here on (functions read the budget each time they spend
 * it). A build over a previous output renders little and spends its time in loops over every article
 * (cache lookups, page keys, the output's check), and a large site's cold build draws, renders and
 * checks tens of thousands of items: both want TurboFan early. At 100,000 articles the later tier-up
 * cost about a second of a 28-30 s body edit and about 5 % of a cold build (docs/build-speed.md,
 * "Session 14").
 */
export function leaveBatch() {
  for (const flag of unbatchFlags(process.versions.v8)) v8.setFlagsFromString(flag);
}

/**
 * Leaves workers their own young generation, sets the flags of a batch run (`batch`: see batchFlags),
 * turns on Node's compile cache (22.1+; nothing on 20), then, on a Node that cannot strip types, loads
 * `preload` and registers tsx. Returns whether tsx was registered.
 * @param {readonly string[]} preload packages to load before tsx (only where tsx is needed)
 * @param {{ batch?: boolean }} [options] `batch`: the process runs once and ends (a build, not a server)
 */
export async function startUp(preload, options = {}) {
  // The scripts' `--max-semi-space-size` sizes this thread's young generation, but V8 applies it to
  // every isolate made later as well, over the `resourceLimits` each worker asks for: the card
  // worker's 8 MB became 32 (24 MB more beside Pagefind's peak). This thread's heap is made and keeps
  // its size; unset, the flag leaves each worker its own limit (docs/scale.md, "Memory at 1,000 articles").
  v8.setFlagsFromString("--max-semi-space-size=0");
  if (options.batch) for (const flag of batchFlags(process.versions.v8)) v8.setFlagsFromString(flag);
  const api = /** @type {CompileCacheApi} */ (module);
  // The next start reads each module's compiled code (and, on Node 24, its stripped TypeScript) instead
  // of compiling it again: about 0.3 s of CPU less (docs/commands.md#start-up). Node checks every entry
  // (the source's hash, a checksum, its own version and flags), compiles again on any mismatch and
  // writes by rename, so a damaged or stale entry costs time, never a different result.
  // NODE_DISABLE_COMPILE_CACHE=1 turns it off; NODE_COMPILE_CACHE=<folder> moves it. Set in the
  // environment, it is inherited by the card workers (worker threads read it when they start).
  if (api.enableCompileCache && !process.env.NODE_DISABLE_COMPILE_CACHE) {
    process.env.NODE_COMPILE_CACHE ||= COMPILE_CACHE;
    api.enableCompileCache(process.env.NODE_COMPILE_CACHE);
  }
  if (/** @type {{ typescript?: unknown }} */ (process.features).typescript) return false;
  // Once tsx is registered, every module's resolution and loading goes through its hooks thread: these
  // packages (about 900 modules) are loaded before it, which saves about half a second of CPU
  // (docs/commands.md#start-up). Same files, so the same instances when the TypeScript imports them.
  await Promise.all(preload.map((name) => import(name)));
  const { register } = await import("tsx/esm/api");
  register();
  return true;
}
