// Reading a cached file to check it against its hash: synchronously, as cache files are small and in the
// page cache, while a promise-based read (open, stat, read, close, each a trip through libuv's four
// threads) made 20,000 such checks 4 s of idle waiting in an unchanged 10,000-article rebuild. A
// folder's record of the files already checked lets the next build take an unchanged one on its stat.
// Writing one so that a reader never sees it half written.
import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync, type Stats, statSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { basename, dirname } from "node:path";

/** The bytes of `file`, or undefined when it cannot be read (missing, a folder, no permission). */
export function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Write-then-rename: a reader sees the whole file or none, even if two jobs share a key or a build is killed. */
export async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

/** What checkedFile found: the file passed its check (now or, on the same stat, in an earlier build), or not. */
export type CheckedState = "checked" | "missing" | "damaged";

/** The record of one cache folder: each file's stat when its content was last checked and passed. */
type FolderRecord = Map<string, string>;

/** The record of folder `dir`, beside it (a listing of the folder stays the cache's own): one line a file, `name<TAB>stat`, appended as files pass. */
export const checkedRecord = (dir: string): string => `${dir}.checked`;

// The records read by one owner (a build's card store, search cache, ...), each folder's once. Weak, so
// a record lives exactly as long as the build object that owns it (no state outlives a build).
const records = new WeakMap<object, Map<string, FolderRecord>>();

// Size, modification and change times, inode: any write through the file system changes one of them,
// including a write that puts the size and modification time back (utimes sets the change time).
/** A file's stat as checkedFile and the parse cache record it: `size:mtime:ctime:inode`. */
export function statText(s: Stats): string {
  return `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
}

function statKey(file: string): string | undefined {
  try {
    const s = statSync(file);
    return s.isFile() ? statText(s) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a file's stat, taken before its content was read and checked, still vouches for that content:
 * only when the file last changed well before the record holding the stat was last written. File
 * times tick coarsely (a few milliseconds, a second on some file systems), so a write just after the
 * read may leave every field of the stat as it was; such a file is read again (git's "racy clean").
 */
export function statVouches(stat: string, recordWrittenMs: number): boolean {
  const changed = Number(stat.split(":")[2]);
  return Number.isFinite(changed) && changed < recordWrittenMs - RACY_MS;
}
const RACY_MS = 2000;

function folderRecord(owner: object, dir: string): FolderRecord {
  let folders = records.get(owner);
  if (folders === undefined) records.set(owner, (folders = new Map()));
  let record = folders.get(dir);
  if (record !== undefined) return record;
  record = new Map();
  const path = checkedRecord(dir);
  const written = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  // A damaged line vouches for nothing: a file is taken only when its whole stat matches.
  for (const line of (readIfPresent(path)?.toString("utf8") ?? "").split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0 && statVouches(line.slice(tab + 1), written)) record.set(line.slice(0, tab), line.slice(tab + 1));
  }
  folders.set(dir, record);
  return record;
}

/**
 * Whether `file` holds what `check` accepts (a hash of its bytes). When the folder's record says the
 * file passed with the stat it has now, it is taken without a read; else it is read and checked, and
 * a pass is added to the record. `owner` is the build's object that the record is remembered with.
 * Not caught: a change below the file system (a disk's bit rot), which no stat shows.
 */
export function checkedFile(owner: object, file: string, check: (bytes: Buffer) => boolean): CheckedState {
  const record = folderRecord(owner, dirname(file));
  const name = basename(file);
  // The stat comes before the read: a write between them leaves a stale record, never a wrong one.
  const stat = statKey(file);
  if (stat === undefined) return "missing";
  if (record.get(name) === stat) return "checked";
  const bytes = readIfPresent(file);
  if (bytes === undefined) return "missing";
  if (!check(bytes)) return "damaged";
  record.set(name, stat);
  try {
    appendFileSync(checkedRecord(dirname(file)), `${name}\t${stat}\n`);
  } catch {
    // A record that cannot be written only costs the next build a read.
  }
  return "checked";
}
