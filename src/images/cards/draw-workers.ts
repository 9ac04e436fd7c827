// Worker threads drawing generated cards while the main thread goes on with the build: each worker
// gets its share of the missing cards at once (so a main thread busy rendering never starves it),
// draws them with card-draw.ts, writes them into the cache and reports their file names in batches.
// A cold build starts its workers ahead (startDrawWorkers), so they load their code and fonts meanwhile.
import { Worker } from "node:worker_threads";
import type { CardPngOptions } from "./card-draw.ts";
import type { CardText } from "./card-layout.ts";

/** A generated card for a worker to draw and save under its cache key. */
export interface DrawTask {
  /** Cache key with its extension. */
  key: string;
  text: CardText;
  /** Name of a damaged cache file of this key, removed once the card is saved. */
  damaged?: string | undefined;
}

/** What a worker is given, in one message: the cache folder, the PNG settings, its tasks and the index of its first one. */
export interface WorkerInput {
  dir: string;
  png: CardPngOptions;
  tasks: DrawTask[];
  offset: number;
}

/** What a worker reports: cards saved, as [task index, file name], and at the end `done`; or an error. */
export type WorkerReport =
  | { drawn: [number, string][]; done: boolean }
  | { error: { name: string; message: string; code?: string | undefined; stack?: string | undefined } };

/** How the workers run and where their results go. */
export interface DrawWorkersOptions {
  dir: string;
  png: CardPngOptions;
  /** Worker threads, each given an equal share of the tasks. */
  workers: number;
  /** Stops (terminates) every worker; the returned promise then rejects. */
  signal: AbortSignal;
  /** Workers started ahead by startDrawWorkers, used first; those not needed are ended. Default none. */
  started?: Worker[] | undefined;
  /** Called as each task's card is saved, with the task's index and the file's name in `dir`. */
  onDrawn: (index: number, file: string) => void;
}

// Plain JavaScript, so that it can register tsx on a Node that cannot strip types (see the file).
const ENTRY = new URL("./draw-worker-entry.js", import.meta.url);

// Of the parent's flags only the profiler's (`node --cpu-prof` profiles the workers too): V8 flags are
// the process's, and the entry loads TypeScript itself, so a parent's `--import tsx` is not wanted.
const PROFILING = process.execArgv.filter((flag) => flag.startsWith("--cpu-prof"));

// A worker's young generation capped at 8 MB (else V8 lets it grow to three semi-spaces of 16 MB): a
// card's garbage is small and short-lived, so scavenges stay cheap, and the worker holds about 10 MB
// less while Pagefind peaks beside it (docs/scale.md, "Memory at 1,000 articles").
const WORKER_OPTIONS = { execArgv: PROFILING, resourceLimits: { maxYoungGenerationSizeMb: 8 } };

/**
 * Starts `count` workers before their tasks are known: each loads its code and the fonts meanwhile
 * (the better part of a second), then waits for drawInWorkers. They never keep the process alive, and
 * `signal` terminates them.
 */
export function startDrawWorkers(count: number, signal: AbortSignal): Worker[] {
  const workers = Array.from({ length: Math.max(1, count) }, () => {
    const worker = new Worker(ENTRY, WORKER_OPTIONS);
    worker.unref();
    // Reported by drawInWorkers once it has tasks for this worker; until then a failure is only a lost head start.
    worker.on("error", () => undefined);
    return worker;
  });
  signal.addEventListener("abort", () => endWorkers(workers), { once: true });
  return workers;
}

/** Terminates workers started ahead that nothing needs. */
export function endWorkers(workers: readonly Worker[]): void {
  for (const worker of workers) void worker.terminate();
}

/** Draws every task in worker threads; resolves when all are saved, rejects with the first error. */
export function drawInWorkers(tasks: readonly DrawTask[], o: DrawWorkersOptions): Promise<void> {
  const started = [...(o.started ?? [])];
  if (tasks.length === 0) {
    endWorkers(started);
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let running = 0;
    let over = false;
    const end = (error?: unknown) => {
      if (over) return;
      over = true;
      o.signal.removeEventListener("abort", onAbort);
      // Done, the workers end by themselves (a profiler then writes their profiles); else they are stopped.
      if (error === undefined) return resolve();
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    const onAbort = () => end(o.signal.reason ?? new Error("The card drawing was stopped"));
    if (o.signal.aborted) {
      endWorkers(started);
      return onAbort();
    }
    o.signal.addEventListener("abort", onAbort, { once: true });
    const count = Math.max(1, Math.min(o.workers, tasks.length));
    endWorkers(started.splice(count));
    const share = Math.ceil(tasks.length / count);
    for (let offset = 0; offset < tasks.length; offset += share) {
      const input: WorkerInput = { dir: o.dir, png: o.png, tasks: tasks.slice(offset, offset + share), offset };
      // One started ahead that has exited since (it never should) would never report: a new one replaces it.
      const ahead = started.shift();
      const worker = ahead && ahead.threadId !== -1 ? ahead : new Worker(ENTRY, WORKER_OPTIONS);
      worker.ref();
      worker.postMessage(input);
      workers.push(worker);
      running++;
      let finished = false;
      worker.on("message", (report: WorkerReport) => {
        if (over) return;
        if ("error" in report) return end(revive(report.error));
        for (const [index, file] of report.drawn) o.onDrawn(index, file);
        if (!report.done) return;
        finished = true;
        if (--running === 0) end();
      });
      worker.on("error", end);
      worker.on("exit", (code) => {
        if (!finished)
          end(new Error(`A card-drawing worker stopped (exit code ${code}) before it had drawn its cards`));
      });
    }
  });
}

/** The worker's error as an Error of this thread, with the same name, message and code. */
function revive(e: { name: string; message: string; code?: string | undefined; stack?: string | undefined }): Error {
  const error = Object.assign(new Error(e.message), e.code === undefined ? {} : { code: e.code });
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}
