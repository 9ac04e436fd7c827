// A version's manifest (`dist.builds/<id>.json`): what each file of the version is, so that the next
// build can keep unchanged files without reading them, and the version it replaced.
import { existsSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** What the manifest records of one output file. */
export interface Entry {
  /** For copies, the name that carries their content hash; pages are compared byte for byte. */
  hash?: string;
  size: number;
  /** The page key it was rendered from (see page-keys.ts), for pages. */
  key?: string;
}

/** A version's manifest: its files, and the version it replaced. */
export function readManifest(path: string): { files: Map<string, Entry>; previous?: string } | undefined {
  try {
    const { files, previous } = JSON.parse(readFileSync(path, "utf8")) as {
      files: Record<string, Entry>;
      previous?: string;
    };
    return { files: new Map(Object.entries(files)), ...(previous === undefined ? {} : { previous }) };
  } catch {
    return undefined;
  }
}

/** Writes the manifest of a version holding `files`, which replaced version `previous`. */
export function writeManifest(path: string, files: ReadonlyMap<string, Entry>, previous: string | undefined): void {
  const sorted = Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(path, JSON.stringify({ previous, files: sorted }));
}

/** Removes a folder if it is empty. */
export function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (another build's version is in it), or already gone.
  }
}

/** The nearest folder or file of `path` that exists: the staging folder of a failed build is gone when the error is told. */
export function existingAncestor(path: string): string {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}
