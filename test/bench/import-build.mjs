// Start-up probe (docs/commands.md#start-up): gets Node ready as src/cli/run.js does for `build`, imports
// what `build` loads before it reads any content (production.ts and Eleventy) and prints how long that
// took. Plain JavaScript, so that every Node runs it as it runs run.js: `node test/bench/import-build.mjs`
// (Node 20: packages first, then tsx; Node 22.18+ and 24: types stripped, no tsx).
import { PRELOADED, startUp } from "../../src/cli/start-up.js";

// Eleventy 3.1 ships no type declarations: named by a string, as src/build/eleventy-api.ts does.
const ELEVENTY = /** @type {string} */ ("@11ty/eleventy");

const start = performance.now();
const tsx = await startUp(PRELOADED);
await import("../../src/build/production.ts");
await import(ELEVENTY);
const took = (performance.now() - start).toFixed(0);
console.log(`${process.version}${tsx ? " with tsx" : ""}: build imported in ${took} ms`);
