import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BackgroundWriter } from "../src/background-writer.ts";

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
    for (let i = 0; i < 75; i++) expect(readFileSync(join(root, "a", String(i % 5), `${i}.html`), "utf8")).toBe(`<p>${i}</p>`);
    expect([...readFileSync(join(root, "copies", "deep", "copy.bin"))]).toEqual([0, 1, 2, 255]);
  });

  it("resolves at once when nothing was queued", async () => {
    await expect(new BackgroundWriter().finish()).resolves.toBeUndefined();
  });

  it("rejects finish with the first error, naming the path, after writing the other files", async () => {
    const writer = new BackgroundWriter();
    writeFileSync(join(root, "file"), "a file, not a folder");
    writer.write(join(root, "file", "under.html"), Buffer.from("cannot be written"));
    writer.write(join(root, "fine.html"), Buffer.from("written"));
    await expect(writer.finish()).rejects.toThrow(/EEXIST.*\/file'/);
    expect(readFileSync(join(root, "fine.html"), "utf8")).toBe("written");
  });
});
