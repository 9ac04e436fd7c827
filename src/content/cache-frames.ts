// The on-disk form of the content caches (rendered Markdown, parsed articles): one header line, then
// frames of entries, each a 4-byte length, the MD5 of the rest, and V8's serialization of a list (or
// another payload its cache decodes: the Markdown cache keeps each body's bytes apart, to read later).
import { createHash } from "node:crypto";
import { fstatSync, readSync } from "node:fs";
import { mkdir, open, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { deserialize, serialize } from "node:v8";

// V8's serialization is six times faster than JSON both ways at 10,000 bodies, but its format may
// change between Node versions, so V8's version is part of every header. The hash catches a damaged
// frame that V8 would still read (a changed byte inside a string).
const HASH_BYTES = 16;
const FRAME_ENTRIES = 1000;
// Entries no build uses any more stay in an appended file until they are this share of it; then it is
// written anew with only the used ones.
const STALE_SHARE = 0.25;
const frameHash = (payload: Uint8Array) => createHash("md5").update(payload).digest();

/** The header line of a cache file: its kind (`magic`, ending in a tab) and what its entries depend on. */
export function frameHeader(magic: string, version: string): Buffer {
  return Buffer.from(`${magic}${version}\t${process.versions.v8}\n`);
}

/** What a cache file held: its entries, and what was wrong with it. */
export interface ReadFrames<T> {
  entries: T[];
  /** Frames whose content did not match their hash, left out. */
  damaged: number;
  /** The file ended inside a frame. */
  cut: boolean;
  /** The file is neither this cache of this version nor another version of it. */
  foreign: boolean;
  /** The file is this cache of this version, every frame of it read: new entries may be appended. */
  whole: boolean;
}

/** Turns a verified frame's payload, which starts at byte `offset` of the file, into its entries. */
export type FrameDecoder<T> = (payload: Buffer, offset: number) => T[];
/** Turns a frame's entries into its payload. */
export type FrameEncoder = (entries: readonly unknown[]) => Uint8Array;

const decodeV8 = (payload: Buffer) => deserialize(payload);

/** A cache file to read from: its length, and `length` bytes at `position` (fewer at its end). */
export interface FrameSource {
  size: number;
  read(position: number, length: number): Buffer;
}

/** The bytes of an open file, read a frame at a time: a large cache is never in memory whole. */
export function fileSource(fd: number): FrameSource {
  return {
    size: fstatSync(fd).size,
    read(position, length) {
      const buffer = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buffer, got, length - got, position + got);
        if (n === 0) break;
        got += n;
      }
      return buffer.subarray(0, got);
    },
  };
}

const bufferSource = (file: Buffer): FrameSource => ({
  size: file.length,
  read: (position, length) => file.subarray(position, position + length),
});

/**
 * Reads the frames of `file` (its bytes, or a FrameSource) when it starts with `header`; another
 * version of the same `magic` is simply empty. `decode` reads a payload (default: V8's
 * deserialization of a list).
 */
export function readFrames<T>(
  file: Buffer | FrameSource,
  magic: string,
  header: Buffer,
  decode: FrameDecoder<T> = decodeV8,
): ReadFrames<T> {
  const source = Buffer.isBuffer(file) ? bufferSource(file) : file;
  const result: ReadFrames<T> = { entries: [], damaged: 0, cut: false, foreign: false, whole: false };
  const start = source.read(0, Math.max(header.length, magic.length));
  if (!start.subarray(0, header.length).equals(header)) {
    result.foreign = !start.subarray(0, magic.length).equals(Buffer.from(magic));
    return result;
  }
  let at = header.length;
  for (; at + 4 + HASH_BYTES <= source.size; ) {
    const prefix = source.read(at, 4 + HASH_BYTES);
    const end = at + 4 + HASH_BYTES + prefix.readUInt32LE(0);
    if (end > source.size) break;
    const payload = source.read(at + 4 + HASH_BYTES, end - at - 4 - HASH_BYTES);
    if (frameHash(payload).equals(prefix.subarray(4)))
      for (const entry of decode(payload, at + 4 + HASH_BYTES)) result.entries.push(entry);
    else result.damaged++;
    at = end;
  }
  result.cut = at < source.size;
  result.whole = result.damaged === 0 && !result.cut;
  return result;
}

/** The notice for a damaged cache file, in one line, or undefined when nothing was wrong. */
export function damageNotice(
  what: string,
  path: string,
  read: ReadFrames<unknown>,
  lost: { all: string; some: string },
): string | undefined {
  if (read.foreign) return `${what} ${path} is damaged (not a cache file): ${lost.all}`;
  const { damaged, cut } = read;
  if (damaged === 0 && !cut) return undefined;
  return `${what} ${path} is damaged (${damaged} part${damaged === 1 ? "" : "s"} not matching ${damaged === 1 ? "its" : "their"} hash${cut ? ", cut short" : ""}): ${lost.some}`;
}

/** Whether to add to a cache file rather than write it anew: it was whole, and at most `share` of it is unused. */
export function appendable(whole: boolean, loaded: number, kept: number, share = STALE_SHARE): boolean {
  return whole && loaded - kept <= loaded * share;
}

/**
 * Writes `entries` under `header` to `path`, through a partial file renamed at the end; or, with
 * `append`, adds them as frames at the end of the file as it is (a rebuild's few changed entries
 * instead of rewriting 10,000). An append cut short (a full disk) is a cut-short file: the next build
 * says so and writes the file anew. `encode` makes a frame's payload (default: V8's serialization).
 */
export async function writeFrames(
  path: string,
  header: Buffer,
  entries: readonly unknown[],
  append = false,
  encode: FrameEncoder = serialize,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Written a frame at a time, so that a large cache never exists twice in memory.
  const handle = await open(append ? path : `${path}.partial`, append ? "a" : "w");
  try {
    if (!append) await handle.write(header);
    for (let i = 0; i < entries.length; i += FRAME_ENTRIES) {
      const frame = encode(entries.slice(i, i + FRAME_ENTRIES));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(frame.length);
      await handle.write(Buffer.concat([length, frameHash(frame), frame]));
    }
  } finally {
    await handle.close();
  }
  if (!append) await rename(`${path}.partial`, path);
}
