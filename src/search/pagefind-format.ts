// Pagefind's file format, as far as index-chunks.ts needs it: each file is gzip over a signature and
// CBOR (minicbor's, definite lengths only). Reads an item's head, skips items, writes heads and text;
// reads a metadata file's chunk list and a chunk's words.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";

// Every Pagefind file starts, once decompressed, with this signature.
const SIGNATURE = new TextEncoder().encode("pagefind_dcd");

/** What `read` gives, or undefined when it met a format it does not know. */
export function readable<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof FormatError) return undefined;
    throw error;
  }
}

/** Thrown where the bundle is not in the format this reads; the bundle is then left as it is. */
export class FormatError extends Error {}

/** A CBOR item's head: major type, value (a length for strings, arrays and maps) and where its content starts. */
export function head(b: Uint8Array, at: number): { major: number; value: number; next: number } {
  const first = b[at];
  if (first === undefined) throw new FormatError();
  const major = first >> 5;
  const info = first & 31;
  if (info < 24) return { major, value: info, next: at + 1 };
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
  if (size === 0 || at + 1 + size > b.length) throw new FormatError();
  let value = 0;
  for (let i = 1; i <= size; i++) value = value * 256 + (b[at + i] ?? 0);
  return { major, value, next: at + 1 + size };
}

/** Where the CBOR item at `at` ends. */
export function skip(b: Uint8Array, at: number): number {
  const { major, value, next } = head(b, at);
  if (major === 2 || major === 3) {
    if (next + value > b.length) throw new FormatError();
    return next + value;
  }
  if (major === 4 || major === 5) {
    let p = next;
    for (let i = 0; i < value * (major === 5 ? 2 : 1); i++) p = skip(b, p);
    return p;
  }
  if (major === 6) return skip(b, next);
  return next;
}

/** The CBOR text string at `at`, and where it ends. */
export function readText(b: Uint8Array, at: number): { text: string; next: number } {
  const { major, value, next } = head(b, at);
  if (major !== 3 || next + value > b.length) throw new FormatError();
  return { text: new TextDecoder().decode(b.subarray(next, next + value)), next: next + value };
}

/** The CBOR head of a definite-length item of major type `major`. */
export function itemHead(major: number, n: number): Uint8Array {
  const m = major << 5;
  if (n < 24) return Uint8Array.of(m | n);
  if (n < 256) return Uint8Array.of(m | 24, n);
  if (n < 65536) return Uint8Array.of(m | 25, n >> 8, n & 255);
  return Uint8Array.of(m | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255);
}

/** The head of an array of `n` items. */
export const arrayHead = (n: number) => itemHead(4, n);
/** A CBOR text string. */
export const text = (s: string) => {
  const bytes = new TextEncoder().encode(s);
  return concat([itemHead(3, bytes.length), bytes]);
};
/** Bytes joined. */
export const concat = (parts: readonly Uint8Array[]) => Buffer.concat(parts);
/** SHA-256 in hex: how the new files are named. */
export const hex = (content: Uint8Array) => createHash("sha256").update(content).digest("hex");

/** A Pagefind file's CBOR, or undefined when it is not gzip over the signature. */
export function unpack(content: Uint8Array): Uint8Array | undefined {
  try {
    const raw = gunzipSync(content);
    return SIGNATURE.every((c, i) => raw[i] === c) ? raw.subarray(SIGNATURE.length) : undefined;
  } catch {
    return undefined;
  }
}

const gzipped = promisify(gzip);

/** A Pagefind file of `cbor`: signature, then gzip (in libuv's threads: most of the work of cutting chunks). */
export const pack = (cbor: Uint8Array): Promise<Uint8Array> => gzipped(concat([SIGNATURE, cbor]));

/** One word of the index: its text and its CBOR bytes as Pagefind wrote them. */
export interface Word {
  text: string;
  bytes: Uint8Array;
}

/** The chunk list of the metadata: [from, to, hash] each. */
export function readChunkList(meta: Uint8Array, at: number): [string, string, string][] {
  const list = head(meta, at);
  if (list.major !== 4) throw new FormatError();
  const out: [string, string, string][] = [];
  let p = list.next;
  for (let i = 0; i < list.value; i++) {
    const entry = head(meta, p);
    if (entry.major !== 4 || entry.value !== 3) throw new FormatError();
    p = entry.next;
    const texts: string[] = [];
    for (let j = 0; j < 3; j++) {
      const t = readText(meta, p);
      texts.push(t.text);
      p = t.next;
    }
    out.push(texts as [string, string, string]);
  }
  return out;
}

/** The words of one chunk (`[[word, …], …]` inside a one-field array). */
export function readWords(body: Uint8Array): Word[] {
  const outer = head(body, 0);
  const list = outer.major === 4 && outer.value === 1 ? head(body, outer.next) : undefined;
  if (list?.major !== 4) throw new FormatError();
  const words: Word[] = [];
  let at = list.next;
  for (let i = 0; i < list.value; i++) {
    const item = head(body, at);
    if (item.major !== 4 || item.value < 1) throw new FormatError();
    const end = skip(body, at);
    words.push({ text: readText(body, item.next).text, bytes: body.subarray(at, end) });
    at = end;
  }
  return words;
}
