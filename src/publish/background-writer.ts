// Writes files on a worker thread, so that a build's main thread only renders. Making a folder and
// writing a file through node:fs/promises costs the calling thread 20-60 µs of bookkeeping (paths,
// promises, file handles), and a `mkdir` can cost up to a millisecond of kernel time on ext4: at
// 14,700 files that was 2-3 s of the main thread. The worker is plain JavaScript (no TypeScript
// loader to start) and does the same calls on the other core.
import { Worker } from "node:worker_threads";
import { WORKER_SOURCE } from "./writer-thread.ts";

/**
 * One file for the worker: bytes to write, or a file to copy, or to hard-link (`hard`); `name`, the
 * path in the output of a published file linked from an earlier version.
 */
type Job = { to: string; bytes: Uint8Array } | { to: string; from: string; hard?: true; name?: string };

/**
 * A string's UTF-8 bytes in a buffer of their own, which `write(…, true)` can move to the worker.
 * Buffer.from would put a string under half of Buffer.poolSize (4 KB up to Node 22, 32 KB on Node 24:
 * most pages) in a pool shared with other buffers, which can only be copied.
 */
export function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

/** Jobs sent to the worker at a time: small enough that it starts while pages still render. */
const BATCH = 32;

// The writer's young generation, in MB: its garbage is each batch's messages and file calls, short-lived,
// and V8's default (up to 48 MB on Node 20, 192 MB on Node 24) would be held beside the build's peak.
const WRITER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** A check's calls take this long on average, in ms, when their inodes are cached (about 0.002) or not (0.04). */
const COLD_MS = 0.01;

export class BackgroundWriter {
  /** Whether files are written into a reused version: whatever is at a path is removed first (never written through). */
  readonly #replacing: boolean;
  #worker: Worker | undefined;
  #batch: Job[] = [];
  /** Buffers of the batch that move to the worker rather than being copied. */
  #transfer: ArrayBuffer[] = [];
  #crash: unknown;
  /** The mean time of a check's first calls, in ms, over which the disk is taken to answer them (writer-thread.ts). */
  readonly #coldMs: number;

  /** `coldMs`: 0 takes every check's files many at once, as on a cold page cache (the tests'). */
  constructor(replacing = false, { coldMs = COLD_MS }: { coldMs?: number } = {}) {
    this.#replacing = replacing;
    this.#coldMs = coldMs;
  }

  /**
   * Queues a file to be written with these bytes; its folder is made first. With `handOver`, the
   * caller gives the bytes up: when they fill their whole buffer, the buffer moves to the worker
   * instead of being copied, and the caller's view of it is left empty.
   */
  write(to: string, bytes: Uint8Array, handOver = false): void {
    if (
      handOver &&
      bytes.byteOffset === 0 &&
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteLength === bytes.buffer.byteLength
    )
      this.#transfer.push(bytes.buffer);
    this.#queue({ to, bytes });
  }

  /** Queues a copy of a file. */
  copy(from: string, to: string): void {
    this.#queue({ to, from });
  }

  /**
   * Queues a hard link to a file: the same file (bytes and times) under a second name, written by no
   * one. With `name` (its path in the output), a published file that is gone is reported by finish()
   * as changed instead of failing the writer.
   */
  link(from: string, to: string, name?: string): void {
    this.#queue(name === undefined ? { to, from, hard: true } : { to, from, hard: true, name });
  }

  /**
   * Queues a check, once every file is written, that `root/<paths[i]>` is a file of `sizes[i]` bytes
   * (files this build did not write, taken on the manifest's word); finish() resolves with those that are not.
   */
  check(root: string, paths: readonly string[], sizes: readonly number[]): void {
    this.#start().postMessage({ roots: [root], paths: paths.join("\0"), sizes: Float64Array.from(sizes) });
  }

  /**
   * Checks now, while the caller goes on, that each of `paths` is a file of `sizes[i]` bytes in the first
   * of `roots` that holds it (a folder and the name it may be renamed to meanwhile); finish() resolves
   * with those that are not, among the others.
   */
  checkNow(roots: readonly string[], paths: readonly string[], sizes: readonly number[]): void {
    const sized = Float64Array.from(sizes);
    this.#start().postMessage({ now: true, roots, paths: paths.join("\0"), sizes: sized }, [sized.buffer]);
  }

  /**
   * Waits until every queued file is written; rejects with the first error, else resolves with the
   * checked files that were missing or of another size. The writer is done after.
   */
  async finish(): Promise<string[]> {
    const worker = this.#worker;
    if (!worker) return [];
    this.#flush();
    // Kept alive while it finishes (it does not hold the process open otherwise).
    worker.ref();
    try {
      // A worker that crashed (its error is kept by #queue's listener) has exited, or will without replying.
      if (this.#crash !== undefined) throw this.#crash;
      const reply = await new Promise<{ failure?: { message: string }; changed: string[] }>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("exit", (code) =>
          reject(this.#crash ?? new Error(`The file writer stopped (exit code ${code}) before it finished`)),
        );
        worker.postMessage("end");
      });
      if (reply.failure !== undefined) throw Object.assign(new Error(reply.failure.message), reply.failure);
      return reply.changed;
    } finally {
      this.#worker = undefined;
      await worker.terminate();
    }
  }

  #start(): Worker {
    if (!this.#worker) {
      const workerData = { replacing: this.#replacing, coldMs: this.#coldMs };
      this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData, resourceLimits: WRITER_LIMITS });
      this.#worker.on("error", (error) => (this.#crash ??= error));
      this.#worker.unref();
    }
    return this.#worker;
  }

  #queue(job: Job): void {
    this.#start();
    this.#batch.push(job);
    if (this.#batch.length >= BATCH) this.#flush();
  }

  #flush(): void {
    if (this.#batch.length === 0) return;
    this.#worker?.postMessage(this.#batch, this.#transfer);
    this.#batch = [];
    this.#transfer = [];
  }
}
