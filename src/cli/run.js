// Entry of every command (`node src/cli/run.js <command>`). Node 22.18 and later strip TypeScript's
// types themselves; older Node (20) loads tsx first. Plain JavaScript, so that any Node can read it.
if (!(/** @type {{ typescript?: unknown }} */ (process.features).typescript)) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import("./main.ts");
