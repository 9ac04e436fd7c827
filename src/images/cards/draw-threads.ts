// The threads that draw cards: started ahead of their tasks, told to stop between two cards, ended
// when nothing needs them. A worker given cards is never terminated (see `drawing`).
import { Worker } from "node:worker_threads";
import { faceFonts } from "./card-fonts.ts";
import type { WorkerMore } from "./draw-messages.ts";

// Plain JavaScript, so that it can register tsx on a Node that cannot strip types (see the file).
const ENTRY = new URL("./draw-worker-entry.js", import.meta.url);

// Of the parent's flags only the profiler's (`node --cpu-prof` profiles the workers too): V8 flags are
// the process's, and the entry loads TypeScript itself, so a parent's `--import tsx` is not wanted.
const PROFILING = process.execArgv.filter((flag) => flag.startsWith("--cpu-prof"));

// A worker's young generation capped at 8 MB (else V8 lets it grow to three semi-spaces of 16 MB): a
// card's garbage is small and short-lived, so scavenges stay cheap, and the worker holds about 10 MB
// less while Pagefind peaks beside it (docs/scale.md, "Memory at 1,000 articles").
const WORKER_OPTIONS = { execArgv: PROFILING, resourceLimits: { maxYoungGenerationSizeMb: 8 } };

// The exits of the workers started for each signal, until they happen (threadsEnded).
const running = new WeakMap<AbortSignal, Set<Promise<void>>>();

/**
 * A worker handed the card fonts, unpacked on this thread: zlib never runs in a worker that may be
 * terminated (see faceFonts). Its exit is counted under `signal`.
 */
function startWorker(signal: AbortSignal): Worker {
  const worker = new Worker(ENTRY, { ...WORKER_OPTIONS, workerData: { fonts: faceFonts() } });
  let exits = running.get(signal);
  if (!exits) running.set(signal, (exits = new Set()));
  const exit: Promise<void> = new Promise((resolve) => worker.once("exit", () => resolve()));
  exits.add(exit);
  void exit.then(() => exits.delete(exit));
  return worker;
}

/**
 * Resolves once every worker started for `signal` has exited: a build that stops them awaits this
 * before it ends, since a process that exits meanwhile terminates a worker in the middle of a card
 * (each card's PNG is deflated by zlib: see `drawing`).
 */
export async function threadsEnded(signal: AbortSignal): Promise<void> {
  await Promise.all(running.get(signal) ?? []);
}

/**
 * Starts `count` workers before their tasks are known: each loads its code and the fonts it is
 * handed meanwhile (the better part of a second), then waits for drawInWorkers. They never keep the
 * process alive, and `signal` terminates them.
 */
export function startDrawWorkers(count: number, signal: AbortSignal): Worker[] {
  const workers = Array.from({ length: Math.max(1, count) }, () => {
    const worker = startWorker(signal);
    worker.unref();
    // Reported by drawInWorkers once it has tasks for this worker; until then a failure is only a lost head start.
    worker.on("error", () => undefined);
    return worker;
  });
  signal.addEventListener("abort", () => endWorkers(workers), { once: true });
  return workers;
}

// Workers given cards to draw: never terminated, since Node 20 aborts the whole process when a worker
// is terminated between making a zlib handle and initialising it (each card's PNG is deflated: "close
// before init", seen in CI). They are stopped between two cards instead (stopWorkers). A worker not
// given cards yet has run no zlib (its fonts come unpacked), so terminating it is safe.
const drawing = new WeakSet<Worker>();

/** Terminates workers started ahead that nothing needs (none given cards yet: those stop by themselves). */
export function endWorkers(workers: readonly Worker[]): void {
  for (const worker of workers) if (!drawing.has(worker)) void worker.terminate();
}

/** Counter value past any task: every thread taking a task after it finds none. */
const STOPPED = 2 ** 30;

/** A worker for a drawing, one started ahead if `ahead` still runs; marked as drawing (never terminated). */
export function drawWorker(ahead: Worker | undefined, signal: AbortSignal): Worker {
  const worker = ahead && ahead.threadId !== -1 ? ahead : startWorker(signal);
  worker.ref();
  drawing.add(worker);
  return worker;
}

/**
 * Stops a drawing's workers without terminating them: the shared counter `next` is set past every task
 * and each is told no more will come, so it ends after the card it draws. Until then it holds the
 * process (a card is milliseconds), which would otherwise terminate it in the middle of one on exit.
 */
export function stopWorkers(workers: readonly Worker[], next: Int32Array): void {
  Atomics.store(next, 0, STOPPED);
  for (const worker of workers) worker.postMessage({ tasks: [], end: true } satisfies WorkerMore);
}

/** The worker's error as an Error of this thread, with the same name, message and code. */
export function revive(e: {
  name: string;
  message: string;
  code?: string | undefined;
  stack?: string | undefined;
}): Error {
  const error = Object.assign(new Error(e.message), e.code === undefined ? {} : { code: e.code });
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}
