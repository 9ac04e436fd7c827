// What the threads drawing cards exchange: a task, a worker's first message and the ones adding tasks,
// its reports, and the counter in shared memory from which every drawing thread takes its next task.
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

/**
 * What a worker is given in its first message: the cache folder, the PNG settings, the counter (one
 * Int32 in shared memory) from which each drawing thread takes the index of its next task, and the
 * tasks known so far. Later messages (WorkerMore) add tasks, in the same order, to every worker.
 */
export interface WorkerInput extends WorkerMore {
  dir: string;
  png: CardPngOptions;
  next: Int32Array;
}

/** More tasks for a worker, and whether no more will come after them. */
export interface WorkerMore {
  tasks: DrawTask[];
  end: boolean;
}

/** Takes the index of the next task no thread has taken: each index is handed out once, to one thread. */
export function takeTask(next: Int32Array): number {
  return Atomics.add(next, 0, 1);
}

/** What a worker reports: cards saved, as [task index, file name], and at the end `done`; or an error. */
export type WorkerReport =
  | { drawn: [number, string][]; done: boolean }
  | { error: { name: string; message: string; code?: string | undefined; stack?: string | undefined } };
