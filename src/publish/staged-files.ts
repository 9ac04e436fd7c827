// The files of a new version of the output, as a build stages them: each compared with the version the
// output shows now, written on the writer thread when new or changed, else taken unchanged as a hard link
// (its time stays, for hosts that sync by time); the files taken on the manifest's word are checked once
// the writer is done. The Publisher (publisher.ts) decides when the version is switched to or dropped.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { BackgroundWriter, ownBytes } from "./background-writer.ts";
import { EarlyCheck } from "./early-check.ts";
import type { StepHook } from "./faults.ts";
import type { Entry } from "./manifest.ts";
import { OutputChangedError } from "./output-error.ts";
import type { PreviousVersion } from "./previous-version.ts";
import type { CopiedFile } from "./publisher-types.ts";
import { claimVersion, removeDropped, staleLinks } from "./reuse.ts";

/** What the version assembled in `staging` (named `id`) holds, against the version `prior` the output shows now. */
export class StagedFiles {
  /** Each file the new version holds, by output path. */
  readonly next = new Map<string, Entry>();
  readonly #outDir: string;
  readonly #id: string;
  readonly #staging: string;
  readonly #prior: PreviousVersion;
  readonly #step: StepHook;
  /** Files the reused version held, once it is claimed; undefined while a new version is assembled in full. */
  #reused: ReadonlyMap<string, Entry> | undefined;
  #claimed = false;
  /** Unchanged files, linked from the current version only if the build switches at all. */
  readonly #links: string[] = [];
  /**
   * Unchanged files checked while the build goes on, if the version it reuses is the one they are in;
   * made with the first file taken (null: no version to reuse), not before: the manifest it reads would
   * otherwise be held through the build's preparation, its largest heap (about 100 MB more at 100,000).
   */
  #early: EarlyCheck | null | undefined;
  /** Unchanged files the early check does not cover: checked once the writer is done. */
  readonly #unchecked: string[] = [];
  #written = 0;
  #dropped: string[] | undefined;
  // Folders are made and files written on a worker thread while the next pages render; commit()
  // and abort() wait for it. Made once the build knows whether it reuses a version (#claim).
  #writer = new BackgroundWriter();

  constructor(outDir: string, id: string, staging: string, prior: PreviousVersion, step: StepHook) {
    this.#outDir = outDir;
    this.#id = id;
    this.#staging = staging;
    this.#prior = prior;
    this.#step = step;
  }

  /** Files written because they were new or changed. */
  get written(): number {
    return this.#written;
  }

  /** Stages one file unless the output already holds exactly this content. */
  add(path: string, content: string | Uint8Array, key?: string): void {
    // Encoded once: the size, the comparison and the write all use these bytes.
    const bytes = typeof content === "string" ? ownBytes(content) : content;
    const entry: Entry = { size: bytes.length };
    if (key !== undefined) entry.key = key;
    this.next.set(path, entry);
    this.#step("file added");
    // Only a file of the same size can be unchanged; then the bytes decide.
    if (this.#prior.holds(path, entry) && this.#sameBytes(path, bytes)) return void this.#link(path, entry);
    this.#written++;
    this.#claim();
    // Bytes encoded here are nobody else's: they move to the writer uncopied.
    this.#writer.write(join(this.#staging, path), bytes, bytes !== content);
  }

  /** Keeps a file of the previous output as it is, without rendering it again. */
  keep(path: string): void {
    const entry = this.#prior.files.get(path);
    if (!entry) return;
    this.next.set(path, entry);
    this.#taken(path, entry.size);
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
    const old = this.#prior.files.get(file.to);
    // The name carries the content's hash: the same name is the same bytes, of the size recorded. Such
    // a file is taken as keep() takes one, its entry and all (100,000 cards at 100,000 articles).
    if (old?.copied && !this.#prior.verify) {
      this.next.set(file.to, old);
      this.#step("file copied");
      return void this.#taken(file.to, old.size);
    }
    const entry: Entry = { copied: true, size: statSync(file.from).size };
    this.next.set(file.to, entry);
    this.#step("file copied");
    if (this.#prior.holds(file.to, entry)) return void this.#link(file.to, entry);
    this.#written++;
    this.#claim();
    this.#writer.copy(file.from, join(this.#staging, file.to));
  }

  /**
   * Waits for the writer, having it check first that each file not written by this build is in `root` as
   * recorded: those the early check covered (`early`: `root` is the folder it checked) are not checked again.
   */
  async finish(root: string, early = false): Promise<void> {
    this.#check(root, early ? this.#unchecked : this.#links);
    const [changed, checked] = await Promise.all([this.#writer.finish(), this.#early?.finish() ?? []]);
    if (early) changed.push(...checked);
    if (changed.length > 0) throw new OutputChangedError(this.#outDir, changed);
  }

  /** Paths of the current version that the new one does not hold; made once staging is done. */
  dropped(): readonly string[] {
    if (this.#dropped) return this.#dropped;
    const dropped: string[] = [];
    for (const path of this.#prior.files.keys()) if (!this.next.has(path)) dropped.push(path);
    return (this.#dropped = dropped);
  }

  /** Links the unchanged files into the staging folder, waits for every write, and drops what a reused version held that this one does not. */
  async complete(): Promise<void> {
    this.#claim();
    // Checked early in the very folder reused: the files the early check left are exactly staleLinks'.
    const early = this.#reused !== undefined && this.#reused === this.#early?.files;
    const links =
      !this.#reused || this.#prior.verify
        ? this.#links
        : early
          ? this.#unchecked
          : staleLinks(this.#links, this.#reused, this.#prior.files);
    for (const path of links) this.#writer.link(this.#prior.path(path), join(this.#staging, path), path);
    await this.finish(this.#staging, early);
    if (this.#reused) removeDropped(this.#staging, this.#reused.keys(), this.dropped(), this.next);
  }

  /** Lets the writer end, whatever it failed at: the staged version is being dropped. */
  async drop(): Promise<void> {
    await Promise.all([this.#writer.finish(), this.#early?.finish()]).catch(() => undefined);
  }

  /** Takes an unchanged file of the current version into the new one (a hard link, or the reused folder's own). */
  #link(path: string, entry: Entry): void {
    const since = this.#prior.files.get(path)?.since;
    if (since !== undefined) entry.since = since;
    this.#taken(path, entry.size);
  }

  /** Takes an unchanged file: linked at commit if the reused folder lacks it; checked now if the early check can. */
  #taken(path: string, size: number): void {
    this.#links.push(path);
    this.#early ??= EarlyCheck.of(this.#outDir, this.#prior, this.#staging) ?? null;
    if (!this.#early?.take(path, size)) this.#unchecked.push(path);
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
  #check(root: string, paths: readonly string[]): void {
    // Stat'ed already when the manifest was not trusted; the check is for files taken on its word.
    if (this.#prior.verify || paths.length === 0) return;
    this.#writer.check(
      root,
      paths,
      paths.map((path) => this.next.get(path)?.size ?? -1),
    );
  }

  /**
   * Decides, before the first file goes into the new version, whether it is the version before the current
   * one brought up to date (claimed now) or a new folder assembled in full.
   */
  #claim(): void {
    if (this.#claimed) return;
    this.#claimed = true;
    const current = this.#prior.current;
    if (current.kind !== "version" || this.#prior.before === undefined) return;
    this.#reused = claimVersion(this.#outDir, this.#prior.before, current.id, this.#id);
    if (this.#reused) this.#writer = new BackgroundWriter(true);
  }
}
