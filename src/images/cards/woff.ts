// A WOFF 1.0 font unpacked into the OpenType file it wraps, with Node's own zlib. fontkit reads WOFF
// itself, but inflates a table with a JavaScript inflate each time it reads from it, and it reads the
// whole `glyf` table again for every glyph outline: about a quarter of a second a thread for the glyphs
// of a build's cards. Unpacked once, each table is inflated once, natively. No maintained package does
// only this (the format is a header and a table directory: https://www.w3.org/TR/WOFF/#OverallStructure).
import { inflateSync } from "node:zlib";

const HEADER = 44;
const WOFF_ENTRY = 20;
const SFNT_HEADER = 12;
const SFNT_ENTRY = 16;

/** One table as the WOFF directory lists it. */
interface WoffTable {
  tag: number;
  offset: number;
  compLength: number;
  origLength: number;
  origChecksum: number;
}

/** The OpenType (sfnt) bytes of a WOFF 1.0 font; throws a RangeError naming `name` when the bytes are not one. */
export function sfntFromWoff(woff: Uint8Array, name: string): Buffer {
  const bytes = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  const damaged = (what: string) => new RangeError(`${name} is not a usable WOFF font: ${what}`);
  if (bytes.length < HEADER || bytes.toString("latin1", 0, 4) !== "wOFF") throw damaged("no WOFF signature");
  const count = bytes.readUInt16BE(12);
  if (bytes.length < HEADER + count * WOFF_ENTRY) throw damaged("its table directory is cut short");
  const tables: WoffTable[] = [];
  for (let i = 0; i < count; i++) {
    const at = HEADER + i * WOFF_ENTRY;
    const table = {
      tag: bytes.readUInt32BE(at),
      offset: bytes.readUInt32BE(at + 4),
      compLength: bytes.readUInt32BE(at + 8),
      origLength: bytes.readUInt32BE(at + 12),
      origChecksum: bytes.readUInt32BE(at + 16),
    };
    if (table.offset + table.compLength > bytes.length || table.compLength > table.origLength)
      throw damaged(`table ${i + 1} lies outside the file`);
    tables.push(table);
  }
  const padded = (length: number) => (length + 3) & ~3;
  let size = SFNT_HEADER + count * SFNT_ENTRY;
  for (const table of tables) size += padded(table.origLength);
  const sfnt = Buffer.alloc(size);
  // The offset table: the flavour (TrueType or CFF), the number of tables and its binary-search hints.
  const power = count > 0 ? 2 ** Math.floor(Math.log2(count)) : 0;
  sfnt.writeUInt32BE(bytes.readUInt32BE(4), 0);
  sfnt.writeUInt16BE(count, 4);
  sfnt.writeUInt16BE(power * SFNT_ENTRY, 6);
  sfnt.writeUInt16BE(power > 0 ? Math.log2(power) : 0, 8);
  sfnt.writeUInt16BE((count - power) * SFNT_ENTRY, 10);
  let offset = SFNT_HEADER + count * SFNT_ENTRY;
  tables.forEach((table, i) => {
    const stored = bytes.subarray(table.offset, table.offset + table.compLength);
    // A table no smaller compressed is stored as it is (WOFF 1.0, section 5).
    const data = table.compLength < table.origLength ? inflateSync(stored) : stored;
    if (data.length !== table.origLength) throw damaged(`table ${i + 1} does not unpack to its recorded length`);
    const entry = SFNT_HEADER + i * SFNT_ENTRY;
    sfnt.writeUInt32BE(table.tag, entry);
    sfnt.writeUInt32BE(table.origChecksum, entry + 4);
    sfnt.writeUInt32BE(offset, entry + 8);
    sfnt.writeUInt32BE(table.origLength, entry + 12);
    data.copy(sfnt, offset);
    offset += padded(table.origLength);
  });
  return sfnt;
}
