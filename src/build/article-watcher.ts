// The dev server's watcher of the articles folder: one fs.watch (inotify on Linux) per folder, kept
// here because the libraries did not fit. Eleventy's chokidar sets up a watch per file: at 100,000
// articles 13 s of CPU once the server was up, and about 0.4 s of every rebuild. @parcel/watcher (one
// native watch per tree, used before this) missed files written into a folder made a moment earlier,
// its watch of the new folder coming after them, and it runs a native thread of its own. Here a folder
// that appears is watched first and listed after, so a file made before its watch is found by the
// listing and one made after it by the watch.
import { type FSWatcher, readdirSync, statSync, watch } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";

/** A running watcher. */
export interface ArticleWatcher {
  close(): Promise<void>;
}

/** Options of the articles' watcher. */
export interface ArticleWatcherOptions {
  /** A file is reported once its size stayed the same this long (ms), so that no half-written file is read. Default 30. */
  stableMs: number;
  /** Told a failure of the watch itself. Default: nothing. */
  onError: (error: Error) => void;
}

/** The articles' watcher's defaults. */
export const articleWatcherDefaults = { stableMs: 30, onError: () => undefined } satisfies ArticleWatcherOptions;

/**
 * Calls `changed(path)` for each file created, written or deleted in `folder` or below it, once its
 * size has stayed the same for `stableMs` (a deleted file once it stayed away as long: an editor that
 * saves by moving the old file aside and writing a new one saves a change); a burst of writes is one call, and
 * a file that comes and goes meanwhile (an editor's temporary file) is none. A folder removed or moved
 * away is reported by its own path, and each file of a folder that comes is reported. The folder above
 * `folder` is watched too, so that `folder` may be made, removed or replaced while it runs.
 */
export async function watchArticles(
  folder: string,
  changed: (path: string) => void,
  options: Partial<ArticleWatcherOptions> = {},
): Promise<ArticleWatcher> {
  const { stableMs, onError } = { ...articleWatcherDefaults, ...options };
  const root = resolve(folder);
  // The names in each watched folder, as listed and since told: a path that is gone and was never
  // there is no change. (About 9 MB at 100,000 articles, listed in 0.6 s at the start.)
  const present = new Map<string, Set<string>>();
  const wasThere = (path: string, there: boolean) => {
    const names = present.get(dirname(path));
    const had = path === root || names?.has(basename(path)) === true;
    if (there) names?.add(basename(path));
    else names?.delete(basename(path));
    return had;
  };
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  // Each reported path's size and time as reported: an event that comes after its write was reported
  // (one write may be told twice) is not a change.
  const reported = new Map<string, string>();
  const settle = (path: string, size: number | undefined) => {
    clearTimeout(pending.get(path));
    const check = () => {
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats !== undefined && stats.size !== size) return settle(path, stats.size);
      pending.delete(path);
      if (!wasThere(path, stats !== undefined) && stats === undefined) return;
      const stamp = stats ? `${stats.size}:${stats.mtimeMs}` : "gone";
      if (reported.get(path) === stamp) return;
      reported.set(path, stamp);
      changed(path);
    };
    pending.set(path, setTimeout(check, stableMs));
  };

  // Each watched folder's watch and the inode it was set on: a folder replaced by another of the same
  // name (removed and made again) is a folder to watch again.
  const watched = new Map<string, { watcher: FSWatcher; ino: number }>();
  const unwatch = (dir: string) => {
    for (const [path, { watcher }] of watched)
      if (path === dir || path.startsWith(`${dir}${sep}`)) {
        watcher.close();
        watched.delete(path);
        present.delete(path);
      }
  };
  // Watches `dir` and each folder below it, then lists them; with `report`, each file found is reported.
  const add = (dir: string, report: boolean) => {
    const ino = statSync(dir, { throwIfNoEntry: false })?.ino;
    const before = watched.get(dir);
    if (ino === undefined || before?.ino === ino) return;
    // Replaced: the files of the folder that was there are gone.
    if (before) {
      unwatch(dir);
      settle(dir, undefined);
    }
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_, name) => seen(dir, name));
    } catch (error) {
      // Gone meanwhile, the event in the folder above says so; anything else (no inotify watch left) is told.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") onError(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    watcher.on("error", (error) => {
      unwatch(dir);
      onError(error);
    });
    watched.set(dir, { watcher, ino });
    wasThere(dir, true);
    // Its removal, once it comes, is news again.
    if (reported.get(dir) === "gone") reported.delete(dir);
    const names = new Set<string>();
    present.set(dir, names);
    for (const entry of listing(dir)) {
      names.add(entry.name);
      const path = join(dir, entry.name);
      if (entry.isDirectory()) add(path, report);
      else if (report) settle(path, statSync(path, { throwIfNoEntry: false })?.size);
    }
  };
  // An event in the watched folder `dir` about `name` (Node may give no name: then every file there is looked at).
  const seen = (dir: string, name: string | null) => {
    const own = watched.get(dir);
    if (own === undefined) return;
    if (statSync(dir, { throwIfNoEntry: false })?.ino !== own.ino) return gone(dir);
    if (name !== null) return look(join(dir, name));
    for (const entry of listing(dir)) look(join(dir, entry.name));
  };
  const look = (path: string) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) return add(path, true);
    if (watched.has(path)) return gone(path);
    settle(path, stats?.size);
  };
  // A watched folder removed or moved away: its files are no longer where they were.
  const gone = (dir: string) => {
    unwatch(dir);
    settle(dir, undefined);
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) add(dir, true);
  };

  add(root, false);
  let above: FSWatcher | undefined;
  try {
    above = watch(dirname(root), (_, name) => {
      if (name !== null && name !== basename(root)) return;
      if (statSync(root, { throwIfNoEntry: false })?.isDirectory()) add(root, true);
      else if (watched.has(root)) gone(root);
    });
    above.on("error", onError);
  } catch (error) {
    onError(error instanceof Error ? error : new Error(String(error)));
  }
  return {
    async close() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      above?.close();
      unwatch(root);
    },
  };
}

/** The entries of `dir`, none when it is gone. */
function listing(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
