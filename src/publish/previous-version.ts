// The version the output shows now, as the next build sees it: what its manifest records, and whether
// that record can be trusted. The Publisher wrote every file the manifest lists and stat'ed the version's
// folder when it wrote the manifest; a manifest of another version, or a folder replaced or moved since,
// is not trusted (docs/rebuilds.md says what is and is not detected). Files of a trusted manifest are
// taken on its word, without a stat each: commit() checks the files of the new version once, on the
// writer's thread, and a file found changed fails the publish with OutputChangedError.
import { statSync } from "node:fs";
import { join, relative } from "node:path";
import { type Entry, manifestPath, readManifest } from "./manifest.ts";
import type { Current } from "./versions.ts";

/** The current version of an output folder and its manifest (empty when there is none or it is not trusted). */
export class PreviousVersion {
  readonly current: Current;
  /** Each file the manifest records. */
  readonly files: ReadonlyMap<string, Entry>;
  /** The version the current one replaced, which a build may bring up to date and reuse (see reuse.ts). */
  readonly before: string | undefined;
  /** Why the manifest was not trusted (one line for the build's output), or undefined. */
  readonly distrust: string | undefined;
  /** Whether each file is stat'ed before it is taken (after a publish found the output changed by hand). */
  readonly verify: boolean;
  readonly #outDir: string;

  constructor(outDir: string, current: Current, verify = false) {
    this.#outDir = outDir;
    this.current = current;
    const manifest = current.kind === "version" ? readManifest(manifestPath(current.dir)) : undefined;
    const folder = current.kind === "version" ? statSync(current.dir, { throwIfNoEntry: false }) : undefined;
    const shown = current.kind === "version" ? relative(process.cwd(), current.dir) : "";
    if (current.kind === "version" && manifest === undefined)
      this.distrust = `${shown} has no readable manifest: the output is assembled anew.`;
    else if (manifest?.id !== undefined && manifest.id !== (current.kind === "version" ? current.id : ""))
      this.distrust = `${shown} has the manifest of another version: the output is assembled anew.`;
    else if (
      manifest?.folder !== undefined &&
      (folder?.dev !== manifest.folder[0] || folder.ino !== manifest.folder[1])
    )
      this.distrust = `${shown} was replaced or moved since it was published: the output is assembled anew.`;
    const trusted = this.distrust === undefined && manifest !== undefined;
    this.files = trusted ? manifest.files : new Map();
    this.before = trusted ? manifest.previous : undefined;
    // A manifest of the earlier format names no folder: its files are stat'ed, as they always were.
    this.verify = verify || manifest?.folder === undefined;
  }

  /** Where a file of the current version is. */
  path(file: string): string {
    return join(this.current.kind === "none" ? this.#outDir : this.current.dir, file);
  }

  /** Whether the current version holds `file` as `entry` describes it (same size, and a copy if it is one), as written. */
  holds(file: string, entry: Entry): boolean {
    const old = this.files.get(file);
    if (!old || old.copied !== entry.copied || old.size !== entry.size) return false;
    if (!this.verify) return true;
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
      if (old?.size !== entry.size || old.copied !== entry.copied || old.key !== entry.key) return false;
    }
    return true;
  }
}
