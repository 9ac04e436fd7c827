// Writes a build into the output folder as a new version beside the current one, then switches to it
// in one rename (see versions.ts): nothing a reader sees changes until the whole build succeeded. What
// the version holds, and which files are written or taken unchanged, is staged-files.ts.
import { mkdirSync, rmdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { faultPlan, type StepHook } from "./faults.ts";
import { existingAncestor, manifestPath, removeIfEmpty, writeManifest } from "./manifest.ts";
import { openPublishes } from "./open-publishes.ts";
import { failedPath, OutputError, outputError } from "./output-error.ts";
import { PreviousVersion } from "./previous-version.ts";
import type { CopiedFile, PublisherOptions, PublishResult } from "./publisher-types.ts";
import { StagedFiles } from "./staged-files.ts";
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
  /** Versions to keep: the current one and the one it replaced (readers and concurrent builds may still use it). */
  readonly #keep: Set<string>;
  readonly #files: StagedFiles;
  #state: "open" | "committing" | "done" | "aborted" = "open";
  /** The commit under way, which abort() lets end (without switching) before it returns. */
  #committing: Promise<PublishResult> | undefined;
  #stopRequested = false;
  readonly #step: StepHook;

  constructor(outDir: string, options: PublisherOptions = {}) {
    this.outDir = resolve(outDir);
    this.#step = options.onStep ?? faultPlan(process.env.BROADSHEET_FAULT);
    this.#current = currentOf(this.outDir);
    this.#staging = join(storeOf(this.outDir), this.#id);
    this.#prior = new PreviousVersion(this.outDir, this.#current, options.verify);
    if (this.#prior.distrust !== undefined) (options.notice ?? console.warn)(this.#prior.distrust);
    this.#files = new StagedFiles(this.outDir, this.#id, this.#staging, this.#prior, this.#step);
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
    this.#files.add(path, content, key);
  }

  /** Page keys of the files the output holds now, as recorded when they were written. */
  currentKeys(): Map<string, string> {
    return this.#prior.keys();
  }

  /** Keeps a file of the previous output as it is, without rendering it again. */
  keep(path: string): void {
    this.#files.keep(path);
  }

  /** Keeps files of the previous output if every one of them is still there as it was written; else keeps none and says so. */
  keepAll(paths: readonly string[]): boolean {
    return this.#files.keepAll(paths);
  }

  /** Stages a copy of a file whose output name already carries its content hash. */
  copy(file: CopiedFile): void {
    this.#files.copy(file);
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
    const { next, written } = this.#files;
    const removed = this.#files.dropped().length;
    const result = { files: next.size, written, removed };
    try {
      if (this.#current.kind === "version" && written === 0 && removed === 0 && this.#prior.sameAs(next)) {
        // Nothing to switch to: the files taken on the manifest's word are checked where they are.
        await this.#files.finish(this.#prior.path(""));
        rmSync(this.#staging, { recursive: true, force: true });
        this.#finish("done");
        return result;
      }
      await this.#files.complete();
      this.#step("files written");
      // An empty site is still a folder.
      mkdirSync(this.#staging, { recursive: true });
      const folder = statSync(this.#staging);
      writeManifest(
        manifestPath(this.#staging),
        { id: this.#id, folder: [folder.dev, folder.ino] },
        next,
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
    return [...this.#files.next].map(([path, entry]) => [path, entry.size]);
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
    await this.#files.drop();
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
}
