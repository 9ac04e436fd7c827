// The version the output shows now, as the next build sees it: what its manifest records, and which of
// those files are still there as they were written. A Publisher compares what it stages against it.
import { statSync } from "node:fs";
import { join } from "node:path";
import { type Entry, readManifest } from "./manifest.ts";
import type { Current } from "./versions.ts";

/** The current version of an output folder and its manifest (empty when there is none). */
export class PreviousVersion {
  readonly current: Current;
  /** Each file the manifest records. */
  readonly files: Map<string, Entry>;
  /** The version the current one replaced, which a build may bring up to date and reuse (see reuse.ts). */
  readonly before: string | undefined;
  readonly #outDir: string;

  constructor(outDir: string, current: Current) {
    this.#outDir = outDir;
    this.current = current;
    const manifest = current.kind === "version" ? readManifest(`${current.dir}.json`) : undefined;
    this.files = manifest?.files ?? new Map();
    this.before = manifest?.previous;
  }

  /** Where a file of the current version is. */
  path(file: string): string {
    return join(this.current.kind === "none" ? this.#outDir : this.current.dir, file);
  }

  /** Whether the current version holds `file` as `entry` describes it (same hash and size), still as written. */
  holds(file: string, entry: Entry): boolean {
    const old = this.files.get(file);
    if (!old || old.hash !== entry.hash || old.size !== entry.size) return false;
    // The manifest is trusted only while the file is still there, a file at the size it recorded.
    const stats = statSync(this.path(file), { throwIfNoEntry: false });
    return stats?.isFile() === true && stats.size === entry.size;
  }

  /** Page keys of the files the output holds now, as recorded when they were written. */
  keys(): Map<string, string> {
    const keys = new Map<string, string>();
    for (const [file, entry] of this.files)
      if (entry.key !== undefined && this.holds(file, entry)) keys.set(file, entry.key);
    return keys;
  }

  /** Whether `next` records exactly the files of this version, each as this one does. */
  sameAs(next: ReadonlyMap<string, Entry>): boolean {
    if (next.size !== this.files.size) return false;
    for (const [file, entry] of next) {
      const old = this.files.get(file);
      if (old?.size !== entry.size || old.hash !== entry.hash || old.key !== entry.key) return false;
    }
    return true;
  }
}
