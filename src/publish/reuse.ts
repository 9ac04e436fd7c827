// Double buffering: the version before the current one is one build behind it, so a build that changes a
// few files brings that version up to date instead of assembling a whole new tree (at 10,000 articles,
// 12,000 folders and 14,700 hard links, then as many unlinks to remove the version before last).
import { renameSync, rmSync, statSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Entry, manifestPath, readManifest, removeIfEmpty } from "./manifest.ts";
import { othersAssembling, storeOf } from "./versions.ts";

/**
 * Takes version `previous` of `outDir` over as the folder of the new version `id`, unless another build
 * is under way (it may still read it). Its manifest goes first, then the folder is renamed: an
 * interruption leaves a folder without a manifest under this build's id, which the next build removes as
 * a dead build's and never switches to. Returns the files it holds, or undefined: assemble in full (also
 * when its manifest is of another version, or its folder was replaced or moved since it was written).
 */
export function claimVersion(
  outDir: string,
  previous: string,
  current: string,
  id: string,
): ReadonlyMap<string, Entry> | undefined {
  const store = storeOf(outDir);
  const manifest = readManifest(manifestPath(join(store, previous)));
  if (manifest === undefined || othersAssembling(outDir, id, new Set([previous, current]))) return undefined;
  const folder = statSync(join(store, previous), { throwIfNoEntry: false });
  if (manifest.id !== previous || folder?.dev !== manifest.folder?.[0] || folder?.ino !== manifest.folder?.[1])
    return undefined;
  try {
    // Not forced: of two builds that try at once, one removes it and the other assembles in full.
    rmSync(join(store, `${previous}.json`));
    renameSync(join(store, previous), join(store, id));
  } catch {
    return undefined;
  }
  return manifest.files;
}

/**
 * Paths of `links` (unchanged since the current version) that the reused folder does not hold as the
 * current version's very file: the files the current version wrote, and any whose writer either manifest
 * does not name. Both manifests name the version that wrote each file's bytes; every later version
 * hard-linked that same file, so the same writer in both means the same file (inode), with no stat.
 */
export function staleLinks(
  links: readonly string[],
  reused: ReadonlyMap<string, Entry>,
  current: ReadonlyMap<string, Entry>,
): string[] {
  return links.filter((path) => isStale(path, reused, current));
}

/** Whether the reused folder does not hold `path` as the current version's very file (staleLinks' rule). */
export function isStale(
  path: string,
  reused: ReadonlyMap<string, Entry>,
  current: ReadonlyMap<string, Entry>,
): boolean {
  const since = reused.get(path)?.since;
  return since === undefined || since !== current.get(path)?.since;
}

/**
 * Removes from the reused folder the files it held (`held`) that the new version (`next`) does not,
 * and those of the current version it dropped (`dropped`), and folders left empty.
 */
export function removeDropped(
  dir: string,
  held: Iterable<string>,
  dropped: Iterable<string>,
  next: ReadonlyMap<string, Entry>,
): void {
  // Gathered without a set of every path held (at 100,000 articles, twice 230,000-340,000 paths each rebuild).
  const gone = new Set(dropped);
  for (const path of held) if (!next.has(path)) gone.add(path);
  for (const path of gone) {
    try {
      unlinkSync(join(dir, path));
    } catch {
      // Gone already, or a folder now (a file of the new version is inside it).
      continue;
    }
    for (let at = dirname(join(dir, path)); at.startsWith(`${dir}/`); at = dirname(at)) removeIfEmpty(at);
  }
}
