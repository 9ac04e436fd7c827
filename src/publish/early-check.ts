// Files a build takes unchanged, checked while it goes on instead of after every write: at 100,000
// articles that check (230,000 lstat calls for the dev server's output, 340,000 for a production one,
// on a thread of its own) took about 1 s at the end of each dev rebuild, in which the main thread
// only waited. Checked early are the files that the version before
// the current one, which the build will likely bring up to date (reuse.ts), holds as the current
// version's very file: they are in that folder already, under its name or, once the build claimed it,
// under the new version's. The others (linked at commit) are checked at the end, as before.
import { join } from "node:path";
import { BackgroundWriter } from "./background-writer.ts";
import { type Entry, manifestPath, readManifest } from "./manifest.ts";
import type { PreviousVersion } from "./previous-version.ts";
import { isStale } from "./reuse.ts";
import { storeOf } from "./versions.ts";

/** Files sent to the checking thread at a time. */
const BATCH = 4096;

export class EarlyCheck {
  /** The files of the version checked in, as its manifest records them (what a claim of it returns). */
  readonly files: ReadonlyMap<string, Entry>;
  readonly #current: ReadonlyMap<string, Entry>;
  readonly #roots: readonly string[];
  readonly #checker = new BackgroundWriter();
  #paths: string[] = [];
  #sizes: number[] = [];

  /** The early check of a build that stages `staging` over `prior`, or undefined when it has no version to reuse. */
  static of(outDir: string, prior: PreviousVersion, staging: string): EarlyCheck | undefined {
    if (prior.verify || prior.current.kind !== "version" || prior.before === undefined) return undefined;
    const dir = join(storeOf(outDir), prior.before);
    const manifest = readManifest(manifestPath(dir));
    if (manifest === undefined || manifest.id !== prior.before) return undefined;
    return new EarlyCheck(manifest.files, prior.files, [dir, staging]);
  }

  private constructor(files: ReadonlyMap<string, Entry>, current: ReadonlyMap<string, Entry>, roots: string[]) {
    this.files = files;
    this.#current = current;
    this.#roots = roots;
  }

  /** Checks `path` (of `size` bytes) now if the folder holds the current version's very file (staleLinks' rule); else false. */
  take(path: string, size: number): boolean {
    if (isStale(path, this.files, this.#current)) return false;
    this.#paths.push(path);
    this.#sizes.push(size);
    if (this.#paths.length >= BATCH) this.#flush();
    return true;
  }

  /** Resolves with the files checked that were not as recorded. */
  finish(): Promise<string[]> {
    this.#flush();
    return this.#checker.finish();
  }

  #flush(): void {
    if (this.#paths.length === 0) return;
    this.#checker.checkNow(this.#roots, this.#paths, this.#sizes);
    this.#paths = [];
    this.#sizes = [];
  }
}
