// The output folder as a symbolic link to one complete version of the site. Each build assembles a new
// version beside the others (`dist.builds/<pid>-<random>/`, unchanged files hard-linked from the current
// one) and switches by renaming a new link over `dist`: rename(2) replaces it in one step, so a reader
// sees the old site or the new one, never a mix, whenever the build dies. See docs/publishing.md.
import { randomBytes } from "node:crypto";
import { lstatSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { OutputError, outputError } from "./output-error.ts";

/** What the output path holds now. */
export type Current =
  | { kind: "none" }
  /** A version of the store: its id and folder. */
  | { kind: "version"; id: string; dir: string }
  /** A plain folder (an output of the earlier publisher, or made by hand), or a link elsewhere. */
  | { kind: "folder"; dir: string };

/** The folder that holds the versions of `outDir`. */
export function storeOf(outDir: string): string {
  return `${outDir}.builds`;
}

/** A new version id: the process id first, so that the next build can tell a dead build's folder. */
export function newVersionId(): string {
  return `${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** What `outDir` is now; a file (or anything but a folder or a link) there is an OutputError. */
export function currentOf(outDir: string): Current {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(outDir, { throwIfNoEntry: false });
  } catch (error) {
    throw outputError(error, outDir);
  }
  if (stats === undefined) return { kind: "none" };
  if (stats.isSymbolicLink()) {
    const target = resolve(dirname(outDir), readlinkSync(outDir));
    if (dirname(target) === storeOf(outDir)) return { kind: "version", id: basename(target), dir: target };
    return { kind: "folder", dir: target };
  }
  if (stats.isDirectory()) return { kind: "folder", dir: outDir };
  throw new OutputError(`${shown(outDir)} is a file, not a folder: move or remove it`, "ENOTDIR");
}

/**
 * Makes `outDir` the link to version `id`, in one rename. A plain folder in the way (the earlier
 * publisher's output) is first moved into the store: that first switch alone is not atomic.
 */
export function switchTo(outDir: string, id: string, step: (name: string) => void): void {
  const link = `${outDir}.link-${process.pid}`;
  rmSync(link, { force: true });
  // Relative, so that the project folder can move.
  symlinkSync(join(basename(storeOf(outDir)), id), link);
  step("link made");
  if (currentOf(outDir).kind === "folder" && !lstatSync(outDir).isSymbolicLink()) {
    renameSync(outDir, join(storeOf(outDir), `legacy-${process.pid}`));
    step("plain folder moved aside");
  }
  renameSync(link, outDir);
}

/** Ids of versions this process is assembling now, with their output folders: not to be removed as dead. */
const assembling = new Map<string, string>();

/** Marks a version of `outDir` as being assembled by this process (true) or no longer (false). */
export function markAssembling(id: string, on: boolean, outDir: string): void {
  if (on) assembling.set(id, outDir);
  else assembling.delete(id);
}

/**
 * Whether a build other than `self` may be under way for `outDir` (it may still read any version):
 * one of this process, or a folder in the store, besides `versions`, of a live process.
 */
export function othersAssembling(outDir: string, self: string, versions: ReadonlySet<string>): boolean {
  for (const [id, dir] of assembling) if (id !== self && dir === outDir) return true;
  return list(storeOf(outDir)).some((name) => {
    const id = name.replace(/\.json$/, "");
    return id !== self && !versions.has(id) && !removable(id.startsWith("legacy-") ? id.slice("legacy-".length) : id);
  });
}

/**
 * Removes what builds no longer need: versions other than `keep`, unless a live process is still
 * assembling them, their manifests, and staging folders and links of dead builds (also the earlier
 * publisher's `dist.partial-<pid>`). Best effort: what cannot be removed now is tried again next build.
 */
export function removeStale(outDir: string, keep: ReadonlySet<string>): void {
  const store = storeOf(outDir);
  for (const name of list(store)) {
    const id = name.replace(/\.json$/, "");
    if (keep.has(id) || !removable(id.startsWith("legacy-") ? id.slice("legacy-".length) : id)) continue;
    rmSync(join(store, name), { recursive: true, force: true, maxRetries: 2 });
  }
  const base = basename(outDir);
  for (const name of list(dirname(outDir))) {
    const match = /^(?:\.partial|\.link)-(\d+)$/.exec(name.slice(base.length));
    if (name.startsWith(base) && match && removable(match[1] ?? ""))
      rmSync(join(dirname(outDir), name), { recursive: true, force: true, maxRetries: 2 });
  }
}

/** True when the process that made a folder of this id is gone, or is this one and no longer uses it. */
function removable(id: string): boolean {
  const pid = Number.parseInt(id, 10);
  if (!Number.isSafeInteger(pid)) return false;
  if (pid === process.pid) return !assembling.has(id);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process lives, under another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function shown(path: string): string {
  return resolve(path).startsWith(`${process.cwd()}/`) ? resolve(path).slice(process.cwd().length + 1) : path;
}
