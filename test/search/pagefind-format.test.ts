// Pagefind's file format as index-chunks.ts reads and writes it: CBOR heads, items skipped whole,
// text strings, and the signature under gzip.
import { describe, expect, it } from "vitest";
import {
  arrayHead,
  concat,
  head,
  itemHead,
  pack,
  readable,
  readText,
  skip,
  text,
  unpack,
} from "../../src/search/pagefind-format.ts";

describe("CBOR heads", () => {
  it.each([0, 1, 23, 24, 255, 256, 65_535, 65_536, 4_000_000])("writes and reads back a length of %i", (n) => {
    for (const major of [2, 3, 4, 5]) {
      const bytes = itemHead(major, n);
      expect(head(bytes, 0)).toEqual({ major, value: n, next: bytes.length });
    }
  });

  it("skips whole items: nested arrays, negative numbers, maps, tags, floats", () => {
    // [["support", [[0, [-25, 239], []]]], {1: "a"}, tag 1 (2), 1.5 as a half float], then a marker byte.
    const item = concat([
      arrayHead(4),
      arrayHead(2),
      text("support"),
      arrayHead(1),
      arrayHead(3),
      Uint8Array.of(0x00),
      arrayHead(2),
      Uint8Array.of(0x38, 24, 0x18, 239),
      arrayHead(0),
      Uint8Array.of(0xa1, 0x01, 0x61, 0x61),
      Uint8Array.of(0xc1, 0x02),
      Uint8Array.of(0xf9, 0x3e, 0x00),
    ]);
    const bytes = concat([item, Uint8Array.of(0xff)]);
    expect(skip(bytes, 0)).toBe(item.length);
  });

  it("reads text as UTF-8, and calls a truncated or unknown item a format it does not know", () => {
    const bytes = text("harbour 𝒳 é");
    expect(readText(bytes, 0)).toEqual({ text: "harbour 𝒳 é", next: bytes.length });
    expect(readable(() => readText(bytes.subarray(0, 4), 0))).toBeUndefined();
    expect(readable(() => skip(arrayHead(2), 0))).toBeUndefined();
    // Indefinite lengths (minicbor never writes them) are not read.
    expect(readable(() => skip(Uint8Array.of(0x9f, 0xff), 0))).toBeUndefined();
    expect(readable(() => readText(arrayHead(0), 0))).toBeUndefined();
  });

  it("lets other errors through", () => {
    expect(() =>
      readable(() => {
        throw new TypeError("a bug");
      }),
    ).toThrow(TypeError);
  });
});

describe("pack and unpack", () => {
  it("round-trips CBOR under the signature and gzip; anything else is not a Pagefind file", async () => {
    const cbor = concat([arrayHead(1), text("x")]);
    expect(Buffer.from(unpack(await pack(cbor)) ?? [])).toEqual(Buffer.from(cbor));
    expect(unpack(Uint8Array.of(1, 2, 3))).toBeUndefined();
    expect(unpack((await pack(new Uint8Array())).subarray(0, 10))).toBeUndefined();
  });
});
