// Entry of every command (`node src/cli/run.js <command>`). Node 22.18 and later strip TypeScript's
// types themselves; older Node (20) loads tsx first. Plain JavaScript, so that any Node can read it.

// Packages that `build` and `start` always load, plain JavaScript, the heaviest first.
const PRELOADED = ["@11ty/eleventy", "zod", "markdown-it", "luxon"];

if (!(/** @type {{ typescript?: unknown }} */ (process.features).typescript)) {
  // Once tsx is registered, every module's resolution and loading goes through its hooks thread: these
  // packages (about 900 modules) are loaded before it, which saves about half a second of CPU
  // (docs/commands.md#start-up); `--help` needs none of them. Same files, so the same instances when
  // the TypeScript imports them.
  const [command, ...options] = process.argv.slice(2);
  const help = options.some((option) => option === "--help" || /^-[a-z]*h/.test(option));
  if ((command === "build" || command === "start") && !help) await Promise.all(PRELOADED.map((name) => import(name)));
  const { register } = await import("tsx/esm/api");
  register();
}
await import("./main.ts");
