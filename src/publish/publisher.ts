// Writes a build into the output folder: pages are staged as they are rendered, nothing reaches the
// output folder until the whole build succeeded, and files whose content did not change are never
// rewritten (their times stay, for hosts that sync by time).
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { copyFile, mkdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { BackgroundWriter } from "./background-writer.ts";

/** A file copied into the output as it is (an image variant, a social card): the one type for it. */
export interface CopiedFile {
  /** Absolute path of the source file. */
  from: string;
  /** Output path relative to the site root, such as `media/bridge-3f2a9c1d0b-800.avif`. */
  to: string;
}

/** What a publish did. */
export interface PublishResult {
  /** Files in the output. */
  files: number;
  /** Files written because they were new or changed. */
  written: number;
  /** Files of the previous output that no build produces any more, removed. */
  removed: number;
}

/** What the manifest records of one output file. */
interface Entry {
  /** For copies, the name that carries their content hash; pages are compared byte for byte. */
  hash?: string;
  size: number;
  /** The page key it was rendered from (see page-keys.ts), for pages. */
  key?: string;
}

/**
 * Collects a build's files in a staging folder beside `outDir`, then moves only new and changed
 * ones into place. The manifest (`<outDir>.manifest.json`) remembers what the output holds.
 */
export class Publisher {
  readonly outDir: string;
  readonly #staging: string;
  readonly #manifestPath: string;
  readonly #previous: Map<string, Entry>;
  readonly #next = new Map<string, Entry>();
  readonly #staged: string[] = [];
  // Folders are made and files written on a worker thread while the next pages render; commit()
  // and abort() wait for it.
  readonly #writer = new BackgroundWriter();

  constructor(outDir: string) {
    this.outDir = resolve(outDir);
    this.#staging = `${this.outDir}.partial-${process.pid}`;
    this.#manifestPath = `${this.outDir}.manifest.json`;
    this.#previous = existsSync(this.outDir) ? readManifest(this.#manifestPath) : new Map();
    rmSync(this.#staging, { recursive: true, force: true });
  }

  /** Stages one file unless the output already holds exactly this content. */
  add(path: string, content: string | Uint8Array, key?: string): void {
    // Encoded once: the size, the comparison and the write all use these bytes.
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    const entry: Entry = { size: bytes.length };
    if (key !== undefined) entry.key = key;
    this.#next.set(path, entry);
    // Only a file of the same size can be unchanged; then the bytes decide.
    if (this.#isCurrent(path, entry) && readFileSync(join(this.outDir, path)).equals(bytes)) return;
    // Bytes encoded here are nobody else's: they move to the writer uncopied.
    this.#writer.write(this.#stage(path), bytes, bytes !== content);
  }

  /** Page keys of the files the output holds now, as recorded when they were written. */
  currentKeys(): Map<string, string> {
    const keys = new Map<string, string>();
    for (const [path, entry] of this.#previous)
      if (entry.key !== undefined && this.#isCurrent(path, entry)) keys.set(path, entry.key);
    return keys;
  }

  /** Keeps a file of the previous output as it is, without rendering it again. */
  keep(path: string): void {
    const entry = this.#previous.get(path);
    if (entry) this.#next.set(path, entry);
  }

  /** Keeps files of the previous output if every one of them is still there as it was written; else keeps none and says so. */
  keepAll(paths: readonly string[]): boolean {
    const entries = paths.map((path) => this.#previous.get(path));
    if (!entries.every((entry, i) => entry !== undefined && this.#isCurrent(paths[i] ?? "", entry))) return false;
    for (const path of paths) this.keep(path);
    return true;
  }

  /** Stages a copy of a file whose output name already carries its content hash. */
  copy(file: CopiedFile): void {
    const size = statSync(file.from).size;
    const entry = { hash: `copy:${file.to}`, size };
    this.#next.set(file.to, entry);
    if (this.#isCurrent(file.to, entry)) return;
    this.#writer.copy(file.from, this.#stage(file.to));
  }

  /** Moves staged files into the output, removes files no longer produced, saves the manifest. */
  async commit(): Promise<PublishResult> {
    await this.#writer.finish();
    const removed = [...this.#previous.keys()].filter((path) => !this.#next.has(path));
    if (!existsSync(this.outDir)) {
      mkdirSync(this.#staging, { recursive: true });
      renameSync(this.#staging, this.outDir);
    } else {
      for (const path of this.#staged) {
        mkdirSync(dirname(join(this.outDir, path)), { recursive: true });
        renameSync(join(this.#staging, path), join(this.outDir, path));
      }
      for (const path of removed) this.#remove(path);
      rmSync(this.#staging, { recursive: true, force: true });
    }
    writeFileSync(
      this.#manifestPath,
      JSON.stringify(Object.fromEntries([...this.#next].sort(([a], [b]) => (a < b ? -1 : 1)))),
    );
    return { files: this.#next.size, written: this.#staged.length, removed: removed.length };
  }

  /** Every file the output will hold after commit(), with its size in bytes (for the host budget). */
  sizes(): [string, number][] {
    return [...this.#next].map(([path, entry]) => [path, entry.size]);
  }

  /** Drops everything staged; the output folder stays as it was. */
  async abort(): Promise<void> {
    await this.#writer.finish().catch(() => undefined);
    rmSync(this.#staging, { recursive: true, force: true });
  }

  /** Removes a file and the folders it leaves empty, so the output equals a clean build's. */
  #remove(path: string): void {
    rmSync(join(this.outDir, path), { force: true });
    for (let dir = dirname(join(this.outDir, path)); dir.startsWith(`${this.outDir}/`); dir = dirname(dir)) {
      if (readdirSync(dir).length > 0) break;
      rmdirSync(dir);
    }
  }

  #isCurrent(path: string, entry: Entry): boolean {
    const old = this.#previous.get(path);
    if (!old || old.hash !== entry.hash || old.size !== entry.size) return false;
    // The manifest is trusted only while the file is still there, at the size it recorded.
    return statSync(join(this.outDir, path), { throwIfNoEntry: false })?.size === entry.size;
  }

  /** Records a file as staged; returns where in the staging folder it goes. */
  #stage(path: string): string {
    this.#staged.push(path);
    return join(this.#staging, path);
  }
}

function readManifest(path: string): Map<string, Entry> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(path, "utf8")) as Record<string, Entry>));
  } catch {
    return new Map();
  }
}

/** Copies files into `outDir` where the copy is missing or differs in size (the dev server's path). */
export async function copyChanged(copies: readonly CopiedFile[], outDir: string): Promise<void> {
  await Promise.all(
    copies.map(async (c) => {
      const to = join(outDir, c.to);
      const [source, target] = await Promise.all([stat(c.from), stat(to).catch(() => null)]);
      if (target?.size === source.size) return;
      await mkdir(dirname(to), { recursive: true });
      await copyFile(c.from, to);
    }),
  );
}
