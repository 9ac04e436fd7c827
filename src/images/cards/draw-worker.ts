// Inside a card-drawing worker thread (started by draw-workers.ts): draws missing generated cards, each
// time the next one no other thread has taken, saves each into the cache, and reports the file names in
// batches.
import { parentPort } from "node:worker_threads";
import { writeCardSync } from "./card-cache.ts";
import { drawState, generatedPng } from "./card-draw.ts";
import { cardFaces, shape } from "./card-fonts.ts";
import { takeTask, type WorkerInput, type WorkerReport } from "./draw-workers.ts";

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
    // The next task no other thread (another worker, the build's own) has taken.
    for (let j = takeTask(input.next); j < input.tasks.length; j = takeTask(input.next)) {
      const task = input.tasks[j];
      if (!task) break;
      const data = generatedPng(task.text, input.png, state);
      drawn.push([j, writeCardSync(input.dir, task.key, data, task.damaged)]);
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
