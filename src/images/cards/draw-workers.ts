// Worker threads drawing generated cards while the main thread goes on with the build: each worker
// gets every missing card at once (so a main thread busy rendering never starves it) and takes the
// next one from a counter shared by all, draws it with card-draw.ts, writes it into the cache and
// reports the file names in batches. Once the calling thread has nothing else to do (`helpFrom`), it
// takes cards from the same counter. The threads themselves (started ahead, stopped, ended) are draw-threads.ts.
import type { Worker } from "node:worker_threads";
import { writeCardSync } from "./card-cache.ts";
import { type CardPngOptions, type DrawState, drawState, generatedPng } from "./card-draw.ts";
import { type DrawTask, takeTask, type WorkerInput, type WorkerMore, type WorkerReport } from "./draw-messages.ts";
import { drawWorker, endWorkers, revive, stopWorkers } from "./draw-threads.ts";

export type { DrawTask } from "./draw-messages.ts";

/** How the workers run and where their results go. */
export interface DrawWorkersOptions {
  dir: string;
  png: CardPngOptions;
  /** Worker threads, all taking tasks from one counter. */
  workers: number;
  /** Stops every worker (after the card each draws); the drawing then rejects. */
  signal: AbortSignal;
  /** Workers started ahead by startDrawWorkers, used first; those not needed are ended. Default none. */
  started?: Worker[] | undefined;
  /** Called as each task's card is saved, with the task's index and the file's name in `dir`. */
  onDrawn: (index: number, file: string) => void;
  /**
   * Once this resolves, the calling thread draws too, a card a turn of its event loop, taking the
   * tasks no worker has taken yet (for a build whose pages are rendered and whose search index is
   * made: it would otherwise only wait). Default: never.
   */
  helpFrom?: Promise<unknown> | undefined;
}

/** Tasks drawn in workers as they are added (openDrawing). */
export interface Drawing {
  /** Adds tasks, drawn after those added before; returns the index of the first. */
  add(tasks: readonly DrawTask[]): number;
  /** No more tasks will come: `done` resolves once every task added is drawn. */
  close(): void;
  /** Resolves when closed and every task is drawn; rejects with the first error, or when the signal stops the workers. */
  done: Promise<void>;
}

/**
 * Opens a drawing: the workers (those started ahead first) get the tasks as they are added, `workers`
 * of them once the first tasks come; none is started, and those started ahead are ended, for a
 * drawing closed without tasks.
 */
export function openDrawing(o: DrawWorkersOptions): Drawing {
  const started = [...(o.started ?? [])];
  const workers: Worker[] = [];
  const tasks: DrawTask[] = [];
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  let drawn = 0;
  let closed = false;
  let over = false;
  let settle: (error?: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  // Awaited by whoever closes the drawing; until then a failure must not count as unhandled.
  done.catch(() => undefined);
  const end = (error?: unknown) => {
    if (over) return;
    over = true;
    o.signal.removeEventListener("abort", onAbort);
    // Done, the workers end by themselves (a profiler then writes their profiles); else each is told to
    // take no more cards and ends after the one it draws (threadsEnded awaits that).
    if (error !== undefined) stopWorkers(workers, next);
    settle(error);
  };
  const onDrawn = (index: number, file: string) => {
    o.onDrawn(index, file);
    if (++drawn === tasks.length && closed) end();
  };
  const onAbort = () => {
    endWorkers(started);
    end(o.signal.reason ?? new Error("The card drawing was stopped"));
  };
  if (o.signal.aborted) onAbort();
  else o.signal.addEventListener("abort", onAbort, { once: true });
  const startWorkers = (first: DrawTask[]) => {
    const count = Math.max(1, o.workers);
    endWorkers(started.splice(count));
    const input: WorkerInput = { dir: o.dir, png: o.png, tasks: first, next, end: closed };
    for (let w = 0; w < count; w++) {
      // One started ahead that has exited since (it never should) would never report: a new one replaces it.
      const worker = drawWorker(started.shift(), o.signal);
      worker.postMessage(input);
      workers.push(worker);
      let finished = false;
      worker.on("message", (report: WorkerReport) => {
        if (over) return;
        if ("error" in report) return end(revive(report.error));
        for (const [index, file] of report.drawn) onDrawn(index, file);
        finished = report.done;
      });
      worker.on("error", end);
      worker.on("exit", (code) => {
        if (!finished)
          end(new Error(`A card-drawing worker stopped (exit code ${code}) before it had drawn its cards`));
      });
    }
  };
  const post = (more: WorkerMore) => {
    for (const worker of workers) worker.postMessage(more);
  };
  o.helpFrom?.then(
    () => help(tasks, o, next, onDrawn, () => over).catch(end),
    () => undefined,
  );
  return {
    add(added) {
      const first = tasks.length;
      if (closed) throw new Error("No card can be added to a drawing once it is closed");
      // A drawing stopped (or failed) draws nothing more; its `done` has rejected.
      if (added.length === 0 || over) return first;
      tasks.push(...added);
      if (workers.length === 0) startWorkers([...added]);
      else post({ tasks: [...added], end: false });
      return first;
    },
    close() {
      if (closed) return;
      closed = true;
      if (workers.length === 0) {
        endWorkers(started);
        end();
        return;
      }
      post({ tasks: [], end: true });
      if (drawn === tasks.length) end();
    },
    done,
  };
}

/** Draws every task in worker threads; resolves when all are saved, rejects with the first error. */
export function drawInWorkers(tasks: readonly DrawTask[], o: DrawWorkersOptions): Promise<void> {
  if (tasks.length === 0) {
    endWorkers(o.started ?? []);
    return Promise.resolve();
  }
  const drawing = openDrawing({ ...o, workers: Math.min(o.workers, tasks.length) });
  drawing.add(tasks);
  drawing.close();
  return drawing.done;
}

/** Draws, on the calling thread, the tasks no worker has taken, a card a turn, until none is left or the drawing is over. */
async function help(
  tasks: readonly DrawTask[],
  o: DrawWorkersOptions,
  next: Int32Array,
  onDrawn: (index: number, file: string) => void,
  over: () => boolean,
): Promise<void> {
  let state: DrawState | undefined;
  while (!over()) {
    const index = takeTask(next);
    const task = tasks[index];
    if (task === undefined) return;
    state ??= drawState(o.png);
    onDrawn(index, writeCardSync(o.dir, task.key, generatedPng(task.text, o.png, state), task.damaged));
    // The build's other work (a report, an interrupt) is seen between two cards.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
