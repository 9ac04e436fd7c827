// Double buffering: the version before the current one is one build behind it, so a build that changes a
// few files brings that version up to date instead of assembling a whole new tree (at 10,000 articles,
// 12,000 folders and 14,700 hard links, then as many unlinks to remove the version before last).
import { renameSync, rmSync, statSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Entry, readManifest, removeIfEmpty } from "./manifest.ts";
import { othersAssembling, storeOf } from "./versions.ts";

/**
 * Takes version `previous` of `outDir` over as the folder of the new version `id`, unless another build
 * is under way (it may still read it). Its manifest goes first, then the folder is renamed: an
 * interruption leaves a folder without a manifest under this build's id, which the next build removes as
 * a dead build's and never switches to. Returns the files it holds, or undefined: assemble in full.
 */
export function claimVersion(outDir: string, previous: string, current: string, id: string): Set<string> | undefined {
  const store = storeOf(outDir);
  const manifest = readManifest(join(store, `${previous}.json`));
  if (manifest === undefined || othersAssembling(outDir, id, new Set([previous, current]))) return undefined;
  try {
    // Not forced: of two builds that try at once, one removes it and the other assembles in full.
    rmSync(join(store, `${previous}.json`));
    renameSync(join(store, previous), join(store, id));
  } catch {
    return undefined;
  }
  return new Set(manifest.files.keys());
}

/**
 * Paths of `links` (unchanged since the current version) that the reused folder does not hold as the
 * current version's very file (same inode): the files the current version changed, and any other.
 */
export function staleLinks(links: readonly string[], reused: string, current: string): string[] {
  return links.filter((path) => {
    const mine = statSync(join(reused, path), { throwIfNoEntry: false });
    const theirs = statSync(join(current, path), { throwIfNoEntry: false });
    return mine === undefined || theirs === undefined || mine.ino !== theirs.ino || mine.dev !== theirs.dev;
  });
}

/** Removes from the reused folder the files it held (`held`, `current`) that the new version does not, and folders left empty. */
export function removeDropped(
  dir: string,
  held: Iterable<string>,
  current: Iterable<string>,
  next: ReadonlyMap<string, Entry>,
): void {
  for (const path of new Set([...held, ...current])) {
    if (next.has(path)) continue;
    try {
      unlinkSync(join(dir, path));
    } catch {
      // Gone already, or a folder now (a file of the new version is inside it).
      continue;
    }
    for (let at = dirname(join(dir, path)); at.startsWith(`${dir}/`); at = dirname(at)) removeIfEmpty(at);
  }
}
