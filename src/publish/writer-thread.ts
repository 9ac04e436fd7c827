// What runs on the writer's thread (background-writer.ts): plain JavaScript in a string, so that the
// worker starts without a TypeScript loader.

// Folders are made once each; files are written concurrently by libuv's threads. The first error
// is kept and reported when the main thread asks for the end.
export const WORKER_SOURCE = `
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
