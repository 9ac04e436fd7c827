// The dev server's watcher of the articles folder: one native watch per folder (@parcel/watcher), where
// Eleventy's chokidar sets up one per file. At 100,000 articles chokidar's file watches took 13 s of
// CPU once the server was up, during which no edit was seen, and about 0.4 s of every rebuild.
import { statSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { subscribe } from "@parcel/watcher";

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
 * size has stayed the same for `stableMs` (a deleted file at once); a burst of writes is one call.
 * The folder above it is watched, so that `folder` may be made, removed or renamed while it runs.
 */
export async function watchArticles(
  folder: string,
  changed: (path: string) => void,
  options: Partial<ArticleWatcherOptions> = {},
): Promise<ArticleWatcher> {
  const { stableMs, onError } = { ...articleWatcherDefaults, ...options };
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  // Each reported file's size and time as reported: an event that comes after its write was reported
  // (the watcher may tell one write in two batches) is not a change.
  const reported = new Map<string, string>();
  const sizeOf = (path: string) => statSync(path, { throwIfNoEntry: false })?.size;
  const settle = (path: string, size: number | undefined) => {
    clearTimeout(pending.get(path));
    const check = () => {
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats !== undefined && stats.size !== size) return settle(path, stats.size);
      pending.delete(path);
      const stamp = stats ? `${stats.size}:${stats.mtimeMs}` : "gone";
      if (reported.get(path) === stamp) return;
      reported.set(path, stamp);
      changed(path);
    };
    pending.set(path, setTimeout(check, size === undefined ? 0 : stableMs));
  };
  const inside = `${resolve(folder)}${sep}`;
  const subscription = await subscribe(dirname(resolve(folder)), (error, events) => {
    if (error) return onError(error);
    for (const { path, type } of events)
      if (path.startsWith(inside)) settle(path, type === "delete" ? undefined : sizeOf(path));
  });
  return {
    async close() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      await subscription.unsubscribe();
    },
  };
}
