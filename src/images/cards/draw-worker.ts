// Inside a card-drawing worker thread (started by draw-workers.ts): draws its share of the missing
// generated cards, saves each into the cache, and reports the file names in batches.
import { parentPort } from "node:worker_threads";
import { writeCardSync } from "./card-cache.ts";
import { drawState, generatedPng } from "./card-draw.ts";
import { cardFaces, shape } from "./card-fonts.ts";
import type { WorkerInput, WorkerReport } from "./draw-workers.ts";

// Cards reported at once: often enough for the progress line, rarely enough to cost nothing.
const BATCH = 25;

/**
 * Loads fontkit and the fonts and shapes a word in each face while the build has no tasks yet. It
 * changes no card's bytes (what it leaves is fontkit's own per-font caches); a failure here comes back
 * from run() with the first card.
 */
function warmUp(): void {
  try {
    const faces = cardFaces();
    for (const face of Object.values(faces)) shape(face, "Warm", 12);
  } catch {
    // Reported by run(), which meets it again.
  }
}

function run(port: NonNullable<typeof parentPort>, input: WorkerInput): void {
  const report = (r: WorkerReport) => port.postMessage(r);
  try {
    const state = drawState(input.png);
    let drawn: [number, string][] = [];
    for (const [j, task] of input.tasks.entries()) {
      const data = generatedPng(task.text, input.png, state);
      drawn.push([input.offset + j, writeCardSync(input.dir, task.key, data, task.damaged)]);
      if (drawn.length === BATCH) {
        report({ drawn, done: false });
        drawn = [];
      }
    }
    report({ drawn, done: true });
  } catch (caught) {
    const e = caught instanceof Error ? caught : new Error(String(caught));
    const code = (e as NodeJS.ErrnoException).code;
    report({
      error: { name: e.name, message: e.message, code: typeof code === "string" ? code : undefined, stack: e.stack },
    });
  }
}

const port = parentPort;
if (port) {
  // The tasks come in one message, which a worker started ahead (startDrawWorkers) awaits while it warms up.
  port.once("message", (input: WorkerInput) => run(port, input));
  warmUp();
}
