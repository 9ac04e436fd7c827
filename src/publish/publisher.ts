// Writes a build into the output folder as a new version beside the current one, then switches to it
// in one rename (see versions.ts): nothing a reader sees changes until the whole build succeeded, and
// files whose content did not change are hard-links to the same file (their times stay, for hosts
// that sync by time).
import { mkdirSync, readFileSync, rmdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { BackgroundWriter, ownBytes } from "./background-writer.ts";
import { faultPlan, type StepHook } from "./faults.ts";
import { type Entry, existingAncestor, manifestPath, removeIfEmpty, writeManifest } from "./manifest.ts";
import { openPublishes } from "./open-publishes.ts";
import { failedPath, OutputChangedError, OutputError, outputError } from "./output-error.ts";
import { PreviousVersion } from "./previous-version.ts";
import type { CopiedFile, PublisherOptions, PublishResult } from "./publisher-types.ts";
import { claimVersion, removeDropped, staleLinks } from "./reuse.ts";
import { type Current, currentOf, markAssembling, newVersionId, removeStale, storeOf, switchTo } from "./versions.ts";

// The types of a publish, where the code that stages files has always found them.
export type { CopiedFile, PublisherOptions, PublishResult } from "./publisher-types.ts";

/**
 * Assembles a build's files as a new version of the output, then makes `outDir` show it. Each
 * version's manifest (`<outDir>.builds/<id>.json`) records what it holds, written before the switch.
 */
export class Publisher {
  readonly outDir: string;
  readonly #current: Current;
  /** The version the output shows now, which this build compares against. */
  readonly #prior: PreviousVersion;
  readonly #id = newVersionId();
  readonly #staging: string;
  /** Files the reused version held, once it is claimed; undefined while a new version is assembled in full. */
  #reused: Map<string, Entry> | undefined;
  #claimed = false;
  /** Versions to keep: the current one and the one it replaced (readers and concurrent builds may still use it). */
  readonly #keep: Set<string>;
  readonly #next = new Map<string, Entry>();
  /** Unchanged files, linked from the current version only if the build switches at all. */
  readonly #links: string[] = [];
  #written = 0;
  #state: "open" | "committing" | "done" | "aborted" = "open";
  /** The commit under way, which abort() lets end (without switching) before it returns. */
  #committing: Promise<PublishResult> | undefined;
  #stopRequested = false;
  readonly #step: StepHook;
  // Folders are made and files written on a worker thread while the next pages render; commit()
  // and abort() wait for it. Made once the build knows whether it reuses a version (#claim).
  #writer = new BackgroundWriter();

  constructor(outDir: string, options: PublisherOptions = {}) {
    this.outDir = resolve(outDir);
    this.#step = options.onStep ?? faultPlan(process.env.BROADSHEET_FAULT);
    this.#current = currentOf(this.outDir);
    this.#staging = join(storeOf(this.outDir), this.#id);
    this.#prior = new PreviousVersion(this.outDir, this.#current, options.verify);
    if (this.#prior.distrust !== undefined) (options.notice ?? console.warn)(this.#prior.distrust);
    this.#keep = new Set(this.#current.kind === "version" ? [this.#current.id, this.#prior.before ?? ""] : []);
    markAssembling(this.#id, true, this.outDir);
    openPublishes.add(this);
    removeStale(this.outDir, this.#keep);
    // A folder that cannot be written is told now, not after the whole build: make the version's folder once.
    try {
      mkdirSync(this.#staging, { recursive: true });
      rmdirSync(this.#staging);
    } catch (error) {
      this.#finish("aborted");
      throw outputError(error, this.#staging, existingAncestor);
    }
    this.#step("publisher made");
  }

  /** Stages one file unless the output already holds exactly this content. */
  add(path: string, content: string | Uint8Array, key?: string): void {
    // Encoded once: the size, the comparison and the write all use these bytes.
    const bytes = typeof content === "string" ? ownBytes(content) : content;
    const entry: Entry = { size: bytes.length };
    if (key !== undefined) entry.key = key;
    this.#next.set(path, entry);
    this.#step("file added");
    // Only a file of the same size can be unchanged; then the bytes decide.
    if (this.#prior.holds(path, entry) && this.#sameBytes(path, bytes)) return void this.#link(path, entry);
    this.#written++;
    this.#claim();
    // Bytes encoded here are nobody else's: they move to the writer uncopied.
    this.#writer.write(join(this.#staging, path), bytes, bytes !== content);
  }

  /** Page keys of the files the output holds now, as recorded when they were written. */
  currentKeys(): Map<string, string> {
    return this.#prior.keys();
  }

  /** Keeps a file of the previous output as it is, without rendering it again. */
  keep(path: string): void {
    const entry = this.#prior.files.get(path);
    if (!entry) return;
    this.#next.set(path, entry);
    this.#links.push(path);
  }

  /** Keeps files of the previous output if every one of them is still there as it was written; else keeps none and says so. */
  keepAll(paths: readonly string[]): boolean {
    const entries = paths.map((path) => this.#prior.files.get(path));
    if (!entries.every((entry, i) => entry !== undefined && this.#prior.holds(paths[i] ?? "", entry))) return false;
    for (const path of paths) this.keep(path);
    return true;
  }

  /** Stages a copy of a file whose output name already carries its content hash. */
  copy(file: CopiedFile): void {
    const hash = `copy:${file.to}`;
    const old = this.#prior.files.get(file.to);
    // The name carries the content's hash: the same name is the same bytes, of the size recorded.
    const size = old?.hash === hash && !this.#prior.verify ? old.size : statSync(file.from).size;
    const entry: Entry = { hash, size };
    this.#next.set(file.to, entry);
    this.#step("file copied");
    if (this.#prior.holds(file.to, entry)) return void this.#link(file.to, entry);
    this.#written++;
    this.#claim();
    this.#writer.copy(file.from, join(this.#staging, file.to));
  }

  /**
   * Completes the new version and switches the output to it in one rename; when nothing changed, the
   * output stays as it is. A file-system failure is an OutputError, and the output is left as it was.
   */
  commit(): Promise<PublishResult> {
    if (this.#state !== "open") return Promise.reject(new Error(`This publish was already ${this.#state}`));
    this.#state = "committing";
    this.#committing = this.#commit();
    return this.#committing;
  }

  async #commit(): Promise<PublishResult> {
    const removed = [...this.#prior.files.keys()].filter((path) => !this.#next.has(path)).length;
    const result = { files: this.#next.size, written: this.#written, removed };
    try {
      if (this.#current.kind === "version" && this.#written === 0 && removed === 0 && this.#prior.sameAs(this.#next)) {
        // Nothing to switch to: the files taken on the manifest's word are checked where they are.
        this.#check(this.#prior.path(""));
        const changed = await this.#writer.finish();
        if (changed.length > 0) throw new OutputChangedError(this.outDir, changed);
        rmSync(this.#staging, { recursive: true, force: true });
        this.#finish("done");
        return result;
      }
      this.#claim();
      const links =
        this.#reused && !this.#prior.verify ? staleLinks(this.#links, this.#reused, this.#prior.files) : this.#links;
      for (const path of links) this.#writer.link(this.#prior.path(path), join(this.#staging, path), path);
      this.#check(this.#staging);
      const changed = await this.#writer.finish();
      if (changed.length > 0) throw new OutputChangedError(this.outDir, changed);
      if (this.#reused) removeDropped(this.#staging, this.#reused.keys(), this.#prior.files.keys(), this.#next);
      this.#step("files written");
      // An empty site is still a folder.
      mkdirSync(this.#staging, { recursive: true });
      const folder = statSync(this.#staging);
      writeManifest(
        manifestPath(this.#staging),
        { id: this.#id, folder: [folder.dev, folder.ino] },
        this.#next,
        this.#current.kind === "version" ? this.#current.id : undefined,
      );
      this.#step("manifest written");
      // abort() may have been called (a signal) while the writer finished: then no switch.
      if (this.#stopRequested) throw new OutputError("The publish was stopped", "EINTR");
      switchTo(this.outDir, this.#id, this.#step);
      this.#state = "done";
      this.#step("switched");
    } catch (error) {
      const told = outputError(error, this.#staging, (path, code) =>
        failedPath(path, code, this.#staging, this.outDir),
      );
      await this.#discard();
      throw told;
    }
    this.#finish("done");
    // The version just replaced stays until the next switch, for readers and concurrent builds still using it.
    removeStale(this.outDir, new Set([this.#id, ...(this.#current.kind === "version" ? [this.#current.id] : [])]));
    this.#step("cleaned up");
    return result;
  }

  /** Every file the output will hold after commit(), with its size in bytes (for the host budget). */
  sizes(): [string, number][] {
    return [...this.#next].map(([path, entry]) => [path, entry.size]);
  }

  /**
   * Drops everything staged; the output folder stays exactly as it was (also when called during commit,
   * before the switch). Resolves false when it came too late: the switch had happened, the new site is out.
   */
  async abort(): Promise<boolean> {
    if (this.#state === "done" || this.#state === "aborted") return this.#state === "aborted";
    if (this.#state === "committing") {
      this.#stopRequested = true;
      await this.#committing?.catch(() => undefined);
      return !this.#published();
    }
    await this.#discard();
    return true;
  }

  /** Whether the switch happened (a separate method: TypeScript keeps the narrowing of #state across an await). */
  #published(): boolean {
    return this.#state === "done";
  }

  async #discard(): Promise<void> {
    this.#state = "aborted";
    await this.#writer.finish().catch(() => undefined);
    rmSync(this.#staging, { recursive: true, force: true });
    rmSync(`${this.#staging}.json`, { force: true });
    // A first publish that failed leaves nothing behind.
    if (this.#current.kind === "none") removeIfEmpty(storeOf(this.outDir));
    this.#finish("aborted");
  }

  #finish(state: "done" | "aborted"): void {
    this.#state = state;
    markAssembling(this.#id, false, this.outDir);
    openPublishes.delete(this);
  }

  /** Takes an unchanged file of the current version into the new one (a hard link, or the reused folder's own). */
  #link(path: string, entry: Entry): void {
    const since = this.#prior.files.get(path)?.since;
    if (since !== undefined) entry.since = since;
    this.#links.push(path);
  }

  /** Whether the current version's file holds exactly `bytes` (false when it cannot be read: it is written anew). */
  #sameBytes(path: string, bytes: Uint8Array): boolean {
    try {
      return readFileSync(this.#prior.path(path)).equals(bytes);
    } catch {
      return false;
    }
  }

  /** Has the writer check, once it is done, that each file not written by this build is in `root` as recorded. */
  #check(root: string): void {
    // Stat'ed already when the manifest was not trusted; the check is for files taken on its word.
    if (this.#prior.verify || this.#links.length === 0) return;
    this.#writer.check(
      root,
      this.#links,
      this.#links.map((path) => this.#next.get(path)?.size ?? -1),
    );
  }

  /**
   * Decides, before the first file goes into the new version, whether it is the version before the current
   * one brought up to date (claimed now) or a new folder assembled in full.
   */
  #claim(): void {
    if (this.#claimed) return;
    this.#claimed = true;
    if (this.#current.kind !== "version" || this.#prior.before === undefined) return;
    this.#reused = claimVersion(this.outDir, this.#prior.before, this.#current.id, this.#id);
    if (this.#reused) this.#writer = new BackgroundWriter(true);
  }
}
