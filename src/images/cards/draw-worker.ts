// Inside a card-drawing worker thread (started by draw-workers.ts): draws missing generated cards, each
// time the next one no other thread has taken, saves each into the cache, and reports the file names in
// batches.
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { writeCardSync } from "./card-cache.ts";
import { drawState, generatedPng } from "./card-draw.ts";
import { cardFaces, type FaceFonts, handFonts, shape } from "./card-fonts.ts";
import { type DrawTask, takeTask, type WorkerInput, type WorkerMore, type WorkerReport } from "./draw-messages.ts";

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

/** Adds the tasks of every message waiting on `port` to `tasks`; returns whether one said no more will come. */
function receive(port: MessagePort, tasks: DrawTask[]): boolean {
  let end = false;
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    const more = m.message as WorkerMore;
    tasks.push(...more.tasks);
    end ||= more.end;
  }
  return end;
}

async function run(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  const report = (r: WorkerReport) => port.postMessage(r);
  try {
    const state = drawState(input.png);
    const tasks = input.tasks;
    let end = input.end;
    let drawn: [number, string][] = [];
    // The next task no other thread (another worker, the build's own) has taken; it may not have come yet.
    for (let j = takeTask(input.next); ; ) {
      end = receive(port, tasks) || end;
      const task = tasks[j];
      if (task) {
        const data = generatedPng(task.text, input.png, state);
        drawn.push([j, writeCardSync(input.dir, task.key, data, task.damaged)]);
        if (drawn.length === BATCH) {
          report({ drawn, done: false });
          drawn = [];
        }
        j = takeTask(input.next);
        continue;
      }
      if (end) break;
      // Taken, but not added yet: what is drawn is reported while the next tasks come.
      if (drawn.length > 0) report({ drawn, done: false });
      drawn = [];
      const more = await new Promise<WorkerMore>((resolve) => port.once("message", resolve));
      tasks.push(...more.tasks);
      end = more.end;
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
  // Unpacked by the thread that started this one: a worker runs no zlib before it draws (faceFonts).
  handFonts((workerData as { fonts: FaceFonts }).fonts);
  // The first tasks come in one message, which a worker started ahead (startDrawWorkers) awaits while
  // it warms up; more may follow (WorkerMore), until one says they were the last.
  port.once("message", (input: WorkerInput) => void run(port, input));
  warmUp();
}
