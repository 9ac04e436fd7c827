// Writes files on a worker thread, so that a build's main thread only renders. Making a folder and
// writing a file through node:fs/promises costs the calling thread 20-60 µs of bookkeeping (paths,
// promises, file handles), and a `mkdir` can cost up to a millisecond of kernel time on ext4: at
// 14,700 files that was 2-3 s of the main thread. The worker is plain JavaScript (no TypeScript
// loader to start) and does the same calls on the other core.
import { Worker } from "node:worker_threads";

/**
 * One file for the worker: bytes to write, or a file to copy, or to hard-link (`hard`); `name`, the
 * path in the output of a published file linked from an earlier version.
 */
type Job = { to: string; bytes: Uint8Array } | { to: string; from: string; hard?: true; name?: string };

// Folders are made once each; files are written concurrently by libuv's threads. The first error
// is kept and reported when the main thread asks for the end.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { copyFile, link, lstat, mkdir, rm, unlink, writeFile } = require("node:fs/promises");
const { existsSync, lstatSync } = require("node:fs");
const { dirname } = require("node:path");
const { replacing } = require("node:worker_threads").workerData ?? {};
const folders = new Map();
// In a reused version a file may stand where a folder goes now: the nearest thing that exists above
// the folder is removed if it is not a folder, then the folder is made.
const clear = async (dir) => {
  for (let at = dir; at !== dirname(at); at = dirname(at)) {
    const stats = await lstat(at).catch(() => undefined);
    if (stats === undefined) continue;
    if (!stats.isDirectory()) await unlink(at).catch(() => undefined);
    return;
  }
};
const make = (dir) =>
  mkdir(dir, { recursive: true }).catch(async (error) => {
    if (!replacing || (error.code !== "ENOTDIR" && error.code !== "EEXIST")) throw error;
    await clear(dir);
    return mkdir(dir, { recursive: true });
  });
const pending = [];
const checks = [];
// Published files that were to be linked from an earlier version and are gone: a change of the
// output (deleted by hand), told with the checks, not a failure of the writer.
const gone = [];
let failure;
// Files that must be there as the manifest records them: one lstat each, synchronously (a promise per
// file would cost more than the call). Paths come joined by NUL, which no path holds (one string crosses
// threads as one copy; an array of 300,000 as 300,000). Each is looked for in the first of \`roots\`, then
// in the second: a folder renamed meanwhile holds it under its new name.
const notAsRecorded = (given, joined, sizes, found) => {
  if (joined === "") return;
  const paths = joined.split("\\0");
  // A first folder gone (renamed) before the batch is not looked in for each file.
  const roots = given.length > 1 && !existsSync(given[0]) ? given.slice(1) : given;
  for (let i = 0; i < paths.length; i++) {
    let stats;
    for (const root of roots) if ((stats = lstatSync(root + "/" + paths[i], { throwIfNoEntry: false }))) break;
    if (stats === undefined || !stats.isFile() || stats.size !== sizes[i]) found.push(paths[i]);
  }
};
// Checked at once, while the build goes on.
const early = [];
// Checked once all writes are done.
const changed = () => {
  const found = [];
  for (const { roots, paths, sizes } of checks) notAsRecorded(roots, paths, sizes, found);
  return found;
};
const folder = (dir) => {
  let made = folders.get(dir);
  if (!made) folders.set(dir, (made = make(dir)));
  return made;
};
parentPort.on("message", (message) => {
  if (message === "end") {
    Promise.all(pending).then(() =>
      parentPort.postMessage({ failure, changed: failure ? [] : [...gone, ...early, ...changed()] }),
    );
    return;
  }
  if (message.now) return void notAsRecorded(message.roots, message.paths, message.sizes, early);
  if (!Array.isArray(message)) return void checks.push(message);
  for (const job of message) {
    const put = () =>
      job.bytes ? writeFile(job.to, job.bytes) : job.hard ? link(job.from, job.to) : copyFile(job.from, job.to);
    // A reused version's file may be a hard link shared with the live version: it is unlinked, never written through.
    const write = () => (replacing ? rm(job.to, { recursive: true, force: true }).then(put) : put());
    // Sent as plain data: an Error crossing threads loses its code and path.
    const fail = (error) => { failure ??= { message: error.message, code: error.code, path: error.path, syscall: error.syscall }; };
    const missing = (error) =>
      job.name !== undefined && error.code === "ENOENT" && lstatSync(job.from, { throwIfNoEntry: false }) === undefined;
    pending.push(folder(dirname(job.to)).then(write).catch((error) => (missing(error) ? gone.push(job.name) : fail(error))));
  }
});
`;

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

export class BackgroundWriter {
  /** Whether files are written into a reused version: whatever is at a path is removed first (never written through). */
  readonly #replacing: boolean;
  #worker: Worker | undefined;
  #batch: Job[] = [];
  /** Buffers of the batch that move to the worker rather than being copied. */
  #transfer: ArrayBuffer[] = [];
  #crash: unknown;

  constructor(replacing = false) {
    this.#replacing = replacing;
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
      this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { replacing: this.#replacing } });
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
