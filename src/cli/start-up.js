// How a process of this project gets Node ready for its TypeScript: the compile cache where Node has
// one (22.1 and later), and tsx where Node cannot strip types itself (20). Plain JavaScript, so that any
// Node can read it; used by run.js and by the start-up probe (test/bench/import-build.mjs).
import module from "node:module";
import { fileURLToPath } from "node:url";

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
 * Turns on Node's compile cache (22.1+; nothing on 20), then, on a Node that cannot strip types, loads
 * `preload` and registers tsx. Returns whether tsx was registered.
 * @param {readonly string[]} preload packages to load before tsx (only where tsx is needed)
 */
export async function startUp(preload) {
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
