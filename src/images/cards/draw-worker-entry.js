// Entry of a card-drawing worker thread (see draw-workers.ts). Node 22.18 and later strip TypeScript's
// types themselves; older Node (20) registers tsx first, as src/cli/run.js does. Plain JavaScript, so
// that any Node can read it.
if (!(/** @type {{ typescript?: unknown }} */ (process.features).typescript)) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import("./draw-worker.ts");
