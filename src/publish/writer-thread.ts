// What runs on the writer's thread (background-writer.ts): plain JavaScript in a string, so that the
// worker starts without a TypeScript loader.

// Folders are made once each; files are written concurrently by libuv's threads. The first error
// is kept and reported when the main thread asks for the end.
export const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { copyFile, link, lstat, mkdir, rm, unlink, writeFile } = require("node:fs/promises");
const { existsSync, lstatSync } = require("node:fs");
const { dirname } = require("node:path");
const { replacing, coldMs } = require("node:worker_threads").workerData ?? {};
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
// Files that must be there as the manifest records them: one lstat each. Paths come joined by NUL,
// which no path holds (one string crosses threads as one copy; an array of 300,000 as 300,000). Each
// is looked for in the first of \`roots\`, then in the second: a folder renamed meanwhile holds it
// under its new name. Synchronously while the calls are quick (the inodes cached: about 2 us each, less
// than a promise costs); when the first calls of a batch show the disk answering (a cold page cache:
// about 40 us each, 14 s for the 342,077 files of a 100,000-article site), the rest go through
// libuv's pool, several at once, which the disk answers together. \`coldMs\` comes from background-writer.ts.
const COLD_PROBE = 64;
const AT_ONCE = 16;
const asRecorded = (stats, size) => stats !== undefined && stats.isFile() && stats.size === size;
const notAsRecorded = async (given, joined, sizes) => {
  const found = [];
  if (joined === "") return found;
  const paths = joined.split("\\0");
  // A first folder gone (renamed) before the batch is not looked in for each file.
  const roots = given.length > 1 && !existsSync(given[0]) ? given.slice(1) : given;
  const probe = Math.min(COLD_PROBE, paths.length);
  const started = performance.now();
  let i = 0;
  const quick = () => {
    let stats;
    for (const root of roots) if ((stats = lstatSync(root + "/" + paths[i], { throwIfNoEntry: false }))) break;
    if (!asRecorded(stats, sizes[i])) found.push(paths[i]);
  };
  for (; i < probe; i++) quick();
  if ((performance.now() - started) / Math.max(1, probe) < coldMs) {
    for (; i < paths.length; i++) quick();
    return found;
  }
  const missing = new Set();
  let next = i;
  const worker = async () => {
    for (let at = next++; at < paths.length; at = next++) {
      let stats;
      for (const root of roots) if ((stats = await lstat(root + "/" + paths[at]).catch(() => undefined))) break;
      if (!asRecorded(stats, sizes[at])) missing.add(at);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  // In the batch's order, as the quick loop gives them.
  for (let at = i; at < paths.length; at++) if (missing.has(at)) found.push(paths[at]);
  return found;
};
// Checked at once, while the build goes on: each batch's findings, one batch after the other.
const early = [];
let earlyDone = Promise.resolve();
const folder = (dir) => {
  let made = folders.get(dir);
  if (!made) folders.set(dir, (made = make(dir)));
  return made;
};
parentPort.on("message", (message) => {
  if (message === "end") {
    Promise.all(pending)
      .then(async () => {
        const found = (await Promise.all(early)).flat();
        // Checked once all writes are done.
        for (const { roots, paths, sizes } of checks) found.push(...(await notAsRecorded(roots, paths, sizes)));
        return found;
      })
      .then((found) => parentPort.postMessage({ failure, changed: failure ? [] : [...gone, ...found] }));
    return;
  }
  if (message.now) {
    const { roots, paths, sizes } = message;
    early.push((earlyDone = earlyDone.then(() => notAsRecorded(roots, paths, sizes))));
    return;
  }
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
