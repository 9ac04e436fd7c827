// A version's manifest (`dist.builds/<id>.json`): what each file of the version is, so that the next
// build can keep unchanged files without reading them, which version wrote each file's bytes, and the
// version it replaced. Stored as columns (one array per field): at 100,000 articles an object per file
// made a 38 MB file that took seconds to parse, and as many objects again in memory.
import { createHash } from "node:crypto";
import { existsSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { readIfPresent, statText } from "./cache-file.ts";

/** What the manifest records of one output file. */
export interface Entry {
  /** A copy of a file whose output name carries its content hash: the same name is the same bytes. Pages are compared byte for byte. */
  copied?: true;
  size: number;
  /** The page key it was rendered from (see page-keys.ts), for pages. */
  key?: string;
  /** The version that wrote these bytes; versions after it hold the same file (a hard link). */
  since?: string;
}

/** A version's manifest as read: its files, the version it replaced, and what it says about itself. */
export interface Manifest {
  files: ReadonlyMap<string, Entry>;
  previous?: string;
  /** The version it describes. */
  id?: string;
  /** The device and inode of that version's folder when the manifest was written. */
  folder?: readonly [number, number];
}

/** The stored shape: one array per field, in the order of `paths`. */
interface Columns {
  format: 2;
  id: string;
  previous?: string;
  folder: [number, number];
  paths: string[];
  sizes: number[];
  /** Page keys, "" for none. */
  keys: string[];
  /** 1 for a copy (its name carries its content hash), else 0. */
  copied: number[];
  /** Index into `versions` of the version that wrote the file. */
  since: number[];
  versions: string[];
}

/** The manifest of the version in folder `dir`. */
export function manifestPath(dir: string): string {
  return `${dir}.json`;
}

// Manifests this process wrote or read, by path, with the file's stat: the dev server reads two a
// rebuild (the one its last rebuild wrote, and the one before) and writes one, 200,000 rows each at
// 100,000 articles.
// A manifest is written once under its version's name and never changed in place. One written moments
// ago keeps the hash of its bytes as well: its stat may not yet tell a rewrite from it (git's "racy
// clean"), so its bytes are compared until the stat can vouch (hashing costs a tenth of parsing).
const known = new Map<string, { stat: string; manifest: Manifest; bytesHash?: string }>();
// The one a rebuild writes, and the two it reads next time (the current version's and the one before).
const KEPT_MANIFESTS = 3;
const SETTLED_MS = 2000;
const hashOf = (bytes: string | Uint8Array) => createHash("sha256").update(bytes).digest("base64");

function remember(path: string, stat: string, manifest: Manifest, bytesHash?: string): void {
  known.delete(path);
  known.set(path, { stat, manifest, ...(bytesHash ? { bytesHash } : {}) });
  for (const old of known.keys()) if (known.size > KEPT_MANIFESTS) known.delete(old);
}

/**
 * Reads a manifest (this format or the earlier one of an object per file); undefined when missing or
 * damaged. One read before, with the same stat, is returned as it was (`now` tells a settled file).
 */
export function readManifest(path: string, now = Date.now()): Manifest | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined) return undefined;
  const stat = statText(stats);
  const settled = now - stats.ctimeMs > SETTLED_MS;
  const memo = known.get(path);
  if (memo?.stat === stat && memo.bytesHash === undefined) return memo.manifest;
  const bytes = readIfPresent(path);
  if (bytes === undefined) return undefined;
  const bytesHash = memo?.stat === stat || !settled ? hashOf(bytes) : undefined;
  if (memo?.stat === stat && memo.bytesHash === bytesHash) {
    if (settled) remember(path, stat, memo.manifest);
    return memo.manifest;
  }
  const manifest = parseManifest(bytes);
  if (manifest) remember(path, stat, manifest, settled ? undefined : bytesHash);
  else known.delete(path);
  return manifest;
}

function parseManifest(bytes: Buffer): Manifest | undefined {
  try {
    const data = JSON.parse(bytes.toString("utf8")) as Columns | { files: Record<string, Entry>; previous?: string };
    if (!("format" in data)) {
      const files = new Map(Object.entries(data.files));
      return { files, ...(data.previous === undefined ? {} : { previous: data.previous }) };
    }
    const files = new Map<string, Entry>();
    const { paths, sizes, keys, copied, since, versions } = data;
    const n = paths.length;
    if ([sizes, keys, copied, since].some((column) => column.length !== n)) return undefined;
    for (let i = 0; i < n; i++) {
      const path = paths[i] as string;
      const entry: Entry = { size: sizes[i] as number };
      if (copied[i] === 1) entry.copied = true;
      if (keys[i]) entry.key = keys[i];
      const by = versions[since[i] as number];
      if (by !== undefined) entry.since = by;
      files.set(path, entry);
    }
    return {
      files,
      id: data.id,
      folder: data.folder,
      ...(data.previous === undefined ? {} : { previous: data.previous }),
    };
  } catch {
    return undefined;
  }
}

/**
 * Writes the manifest of version `id` (its folder's device and inode) holding `files`, which replaced
 * `previous`. Each entry without a `since` is stamped with `id` (this version wrote it), and `files`
 * is what reading the manifest back gives, without parsing it: the caller leaves it as it is.
 */
export function writeManifest(
  path: string,
  self: { id: string; folder: [number, number] },
  files: ReadonlyMap<string, Entry>,
  previous: string | undefined,
): void {
  const versions = new Map<string, number>();
  const columns: Columns = { format: 2, ...self, paths: [], sizes: [], keys: [], copied: [], since: [], versions: [] };
  if (previous !== undefined) columns.previous = previous;
  for (const [file, entry] of files) {
    columns.paths.push(file);
    columns.sizes.push(entry.size);
    columns.keys.push(entry.key ?? "");
    columns.copied.push(entry.copied ? 1 : 0);
    entry.since ??= self.id;
    const by = entry.since;
    let index = versions.get(by);
    if (index === undefined) versions.set(by, (index = versions.size));
    columns.since.push(index);
  }
  columns.versions = [...versions.keys()];
  const text = JSON.stringify(columns);
  writeFileSync(path, text);
  const manifest: Manifest = { files, id: self.id, folder: self.folder };
  if (previous !== undefined) manifest.previous = previous;
  remember(path, statText(statSync(path)), manifest, hashOf(text));
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
