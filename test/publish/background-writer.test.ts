import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BackgroundWriter, ownBytes } from "../../src/publish/background-writer.ts";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "broadsheet-writer-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("BackgroundWriter", () => {
  it("writes every queued file, in folders it makes, and copies files, by the time finish resolves", async () => {
    const writer = new BackgroundWriter();
    // More files than one batch, in nested folders that do not exist yet.
    for (let i = 0; i < 75; i++) writer.write(join(root, "a", String(i % 5), `${i}.html`), Buffer.from(`<p>${i}</p>`));
    writeFileSync(join(root, "source.bin"), Buffer.from([0, 1, 2, 255]));
    writer.copy(join(root, "source.bin"), join(root, "copies", "deep", "copy.bin"));
    await writer.finish();
    for (let i = 0; i < 75; i++)
      expect(readFileSync(join(root, "a", String(i % 5), `${i}.html`), "utf8")).toBe(`<p>${i}</p>`);
    expect([...readFileSync(join(root, "copies", "deep", "copy.bin"))]).toEqual([0, 1, 2, 255]);
  });

  it("moves handed-over bytes that fill their buffer to the worker, and copies all others", async () => {
    const writer = new BackgroundWriter();
    // Buffer.from(string) puts strings under half of Buffer.poolSize (4 KB on Node 20 and 22, 32 KB on
    // Node 24) in a pool shared with other buffers: never moved, even when handed over.
    const large = Buffer.from("x".repeat(Buffer.poolSize));
    const pooled = Buffer.from("<p>small</p>");
    const kept = new Uint8Array([1, 2, 3]);
    writer.write(join(root, "large.html"), large, true);
    writer.write(join(root, "pooled.html"), pooled, true);
    writer.write(join(root, "kept.bin"), kept);
    await writer.finish();
    expect(readFileSync(join(root, "large.html"), "utf8")).toBe("x".repeat(Buffer.poolSize));
    expect(large.byteLength).toBe(0);
    expect(readFileSync(join(root, "pooled.html"), "utf8")).toBe("<p>small</p>");
    expect(pooled.toString()).toBe("<p>small</p>");
    expect([...readFileSync(join(root, "kept.bin"))]).toEqual([1, 2, 3]);
    expect([...kept]).toEqual([1, 2, 3]);
  });

  it("encodes a page of any size into bytes of their own, which move to the worker (Node 24 pools up to 32 KB)", async () => {
    for (const text of ["", "<p>small</p>", "é".repeat(3_000), "x".repeat(20_000), "🗞".repeat(20_000)]) {
      const bytes = ownBytes(text);
      expect(bytes.equals(Buffer.from(text))).toBe(true);
      expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.byteLength]);
    }
    const writer = new BackgroundWriter();
    const page = ownBytes("<p>Ferry timetable</p>");
    writer.write(join(root, "page.html"), page, true);
    await writer.finish();
    expect(page.byteLength).toBe(0);
    expect(readFileSync(join(root, "page.html"), "utf8")).toBe("<p>Ferry timetable</p>");
  });

  it("resolves at once, with nothing changed, when nothing was queued", async () => {
    await expect(new BackgroundWriter().finish()).resolves.toEqual([]);
  });

  // One call after the other (the inodes cached), or many at once once the first calls are slow (cold).
  const speeds = [
    ["as on a warm page cache", {}],
    ["many at once, as on a cold page cache", { coldMs: 0 }],
  ] as const;
  // The first 64 files of a check tell how quick its calls are: the files that matter come after them.
  const lead = (dir: string) => {
    const paths = Array.from({ length: 70 }, (_, i) => `lead/${i}.html`);
    mkdirSync(join(dir, "lead"), { recursive: true });
    for (const path of paths) writeFileSync(join(dir, path), "lead");
    return { paths, sizes: paths.map(() => 4) };
  };

  it.each(speeds)(
    "checks, once every file is written, that each file it is given is a file of the size given, %s",
    async (_, speed) => {
      const writer = new BackgroundWriter(false, speed);
      writer.write(join(root, "a/written.html"), Buffer.from("<p>new</p>"));
      const first = lead(root);
      writer.check(
        root,
        [...first.paths, "a/written.html", "a/missing.html", "a/written.html", "a"],
        [...first.sizes, Buffer.byteLength("<p>new</p>"), 3, 4, 4096],
      );
      // The same path at a wrong size, a missing file and a folder are reported; the right one is not.
      await expect(writer.finish()).resolves.toEqual(["a/missing.html", "a/written.html", "a"]);
    },
  );

  it.each(speeds)(
    "checks now, in the first of its folders that holds each file: a folder renamed meanwhile is looked at under its new name, %s",
    async (_, speed) => {
      mkdirSync(join(root, "new/a"), { recursive: true });
      writeFileSync(join(root, "new/a/page.html"), "<p>page</p>");
      writeFileSync(join(root, "new/other.html"), "12");
      const writer = new BackgroundWriter(false, speed);
      const first = lead(join(root, "new"));
      // "old" is the folder's name before a rename that came first: every file is found under "new".
      writer.checkNow(
        [join(root, "old"), join(root, "new")],
        [...first.paths, "a/page.html", "other.html", "gone.html", "a"],
        [...first.sizes, 11, 5, 1, 4096],
      );
      // Reported with the checks made once the writes are done; nothing checked is written after.
      writer.check(join(root, "new"), ["other.html"], [2]);
      await expect(writer.finish()).resolves.toEqual(["other.html", "gone.html", "a"]);
    },
  );

  it("rejects finish with the first error, naming the path, after writing the other files", async () => {
    const writer = new BackgroundWriter();
    writeFileSync(join(root, "file"), "a file, not a folder");
    writer.write(join(root, "file", "under.html"), Buffer.from("cannot be written"));
    writer.write(join(root, "fine.html"), Buffer.from("written"));
    await expect(writer.finish()).rejects.toThrow(/EEXIST.*\/file'/);
    expect(readFileSync(join(root, "fine.html"), "utf8")).toBe("written");
  });
});
