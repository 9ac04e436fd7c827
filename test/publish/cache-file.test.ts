// Checking cached files: read and hashed once, then taken on an unchanged stat; every write is seen.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkedFile, checkedRecord, readIfPresent, statVouches } from "../../src/publish/cache-file.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const hash = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A folder holding `card.png`, and a check that counts its reads and accepts the original bytes. */
function setup() {
  const root = mkdtempSync(join(tmpdir(), "broadsheet-checked-"));
  dirs.push(root);
  // The record is written beside the folder, so the folder is one inside the temporary one.
  const dir = join(root, "cards");
  mkdirSync(dir);
  const file = join(dir, "card.png");
  writeFileSync(file, "the original card bytes");
  const good = hash(readFileSync(file));
  const reads = { count: 0 };
  const check = (bytes: Buffer) => {
    reads.count++;
    return hash(bytes) === good;
  };
  return { dir, file, check, reads };
}

/** Makes the folder's record look written a minute after its files last changed: their stats then vouch. */
const settle = (dir: string) => utimesSync(checkedRecord(dir), Date.now() / 1000 + 60, Date.now() / 1000 + 60);

describe("checkedFile", () => {
  it("reads a file once per build, and not at all in the next build while its stat is the same", () => {
    const { dir, file, check, reads } = setup();
    const build1 = {};
    expect(checkedFile(build1, file, check)).toBe("checked");
    expect(checkedFile(build1, file, check)).toBe("checked");
    expect(reads.count).toBe(1);
    // A new build (another owner) reads the record from the folder.
    settle(dir);
    expect(checkedFile({}, file, check)).toBe("checked");
    expect(reads.count).toBe(1);
  });

  it("reads again a file that changed just before its record was written (its stat may not show a later write)", () => {
    const { file, check, reads } = setup();
    expect(checkedFile({}, file, check)).toBe("checked");
    expect(checkedFile({}, file, check)).toBe("checked");
    expect(reads.count).toBe(2);
  });

  it.each([
    ["changed a second before", 1000, false],
    ["changed a minute before", 60_000, true],
    ["a damaged stat", Number.NaN, false],
  ])("statVouches: %s", (_name, before, vouches) => {
    const written = 1_800_000_000_000;
    expect(statVouches(`12:1:${written - before}:7`, written)).toBe(vouches);
  });

  it.each([
    ["emptied", (file: string) => writeFileSync(file, "")],
    ["truncated", (file: string) => writeFileSync(file, "the original")],
    ["garbled, same size", (file: string) => writeFileSync(file, "the ORIGINAL card bytes")],
  ])("finds a file %s after it was checked", (_name, damage) => {
    const { dir, file, check } = setup();
    expect(checkedFile({}, file, check)).toBe("checked");
    settle(dir);
    damage(file);
    expect(checkedFile({}, file, check)).toBe("damaged");
  });

  it("finds a garble that puts back the size and modification time (the change time moves)", () => {
    const { dir, file, check } = setup();
    // A whole second, which utimes can set again exactly.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(checkedFile({}, file, check)).toBe("checked");
    settle(dir);
    const before = statSync(file);
    writeFileSync(file, "the ORIGINAL card bytes");
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect([statSync(file).size, statSync(file).mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(checkedFile({}, file, check)).toBe("damaged");
  });

  it("says missing for a removed file, and never takes a damaged record's word", () => {
    const { dir, file, check, reads } = setup();
    expect(checkedFile({}, file, check)).toBe("checked");
    writeFileSync(checkedRecord(dir), "card.png\tgarbage\n\tno name\ncard.png");
    settle(dir);
    expect(checkedFile({}, file, check)).toBe("checked");
    expect(reads.count).toBe(2);
    rmSync(file);
    expect(checkedFile({}, file, check)).toBe("missing");
  });

  it("records only files that passed", () => {
    const { dir, file } = setup();
    expect(checkedFile({}, file, () => false)).toBe("damaged");
    expect(readIfPresent(checkedRecord(dir))).toBeUndefined();
    expect(readIfPresent(join(dir, "none"))).toBeUndefined();
  });
});
