// The card cache of one build: cards stored under their key and a hash of their content, each checked
// against that hash before it is used, so a damaged file is made again and never published.
import { createHash, randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { checkedFile, writeAtomic } from "../../publish/cache-file.ts";

/**
 * The card cache of one build: each card's file, named `<key>-<first 16 hex of the SHA-256 of its
 * content>.png|.jpg`, found through one listing of the folder. A file is read and checked against the
 * hash in its name before it is used; one that does not match is made again and told to `notice`.
 * Nothing outlives the build: a dev server's next build lists the folder again.
 */
export interface CardStore {
  dir: string;
  /** Cache key → file name, from the listing and from the cards this build wrote. */
  files: Map<string, string>;
  /** Cache key → name of a file found damaged, removed once the card is made again under another name. */
  damaged: Map<string, string>;
  notice: (line: string) => void;
}

const CACHE_FILE = /^([0-9a-f]{64})-([0-9a-f]{16})\.(png|jpg)$/;
const contentHash = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

export async function listStore(dir: string, notice: (line: string) => void): Promise<CardStore> {
  const files = new Map<string, string>();
  // One listing instead of a stat per card; files are only ever written whole (write, then rename), and
  // a temporary file's name never matches.
  for (const file of (await readdir(dir)).sort()) {
    const match = CACHE_FILE.exec(file);
    if (match) files.set(`${match[1]}.${match[3]}`, file);
  }
  return { dir, files, damaged: new Map(), notice };
}

/** The path of the cached file of `key` (with its extension) when its content matches its hash; else undefined. */
export async function cached(store: CardStore, key: string, what: string): Promise<string | undefined> {
  const name = store.files.get(key);
  if (name === undefined) return undefined;
  const file = join(store.dir, name);
  // Read and hashed only when its stat changed since it last passed (src/publish/cache-file.ts).
  const state = checkedFile(store, file, (bytes) => contentHash(bytes) === CACHE_FILE.exec(name)?.[2]);
  if (state === "checked") return file;
  store.files.delete(key);
  store.damaged.set(key, name);
  store.notice(
    `Card cache: ${file} is ${state === "missing" ? "missing" : "damaged (its content does not match its hash)"}; the card of ${what} is made again`,
  );
  return undefined;
}

/** Saves a card's bytes under its key and content hash, and returns the file's path. */
export async function saveCard(store: CardStore, key: string, data: Uint8Array): Promise<string> {
  const name = await writeCard(store.dir, key, data, store.damaged.get(key));
  store.files.set(key, name);
  return join(store.dir, name);
}

/**
 * Writes a card's bytes into the cache folder `dir` under its key and content hash, removes the file
 * `damaged` (a damaged file of that key, if any) and returns the new file's name. A worker thread
 * drawing cards calls it directly: it holds no store.
 */
export async function writeCard(dir: string, key: string, data: Uint8Array, damaged?: string): Promise<string> {
  const [hex, extension] = key.split(".");
  const name = `${hex}-${contentHash(data)}.${extension}`;
  // Written over a damaged file of the same name (the usual case: cards are deterministic), else
  // beside it; then the damaged one, which nothing reads any more, must not stay behind.
  await writeAtomic(join(dir, name), data);
  if (damaged !== undefined && damaged !== name) await rm(join(dir, damaged), { force: true });
  return name;
}

/**
 * writeCard on the calling thread, for a worker thread drawing cards: its asynchronous writes would
 * wait in the process's one libuv queue behind the main thread's output files.
 */
export function writeCardSync(dir: string, key: string, data: Uint8Array, damaged?: string): string {
  const [hex, extension] = key.split(".");
  const name = `${hex}-${contentHash(data)}.${extension}`;
  const file = join(dir, name);
  // Write, then rename, as writeAtomic does: a reader sees the whole file or none.
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
  if (damaged !== undefined && damaged !== name) rmSync(join(dir, damaged), { force: true });
  return name;
}
