import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Entry, readManifest, writeManifest } from "../../src/publish/manifest.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "manifest-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const files = (key: string) => new Map<string, Entry>([["index.html", { size: 10, key }]]);
const later = () => Date.now() + 60_000;

describe("readManifest", () => {
  it("reads back what writeManifest wrote, naming the version that wrote each file", () => {
    const path = join(dir, "v1.json");
    writeManifest(path, { id: "v1", folder: [1, 2] }, files("home-1"), "v0");
    const manifest = readManifest(path);
    expect(manifest?.files.get("index.html")).toEqual({ size: 10, key: "home-1", since: "v1" });
    expect([manifest?.id, manifest?.previous, manifest?.folder]).toEqual(["v1", "v0", [1, 2]]);
  });

  it("returns a settled manifest read before as it was, and reads one whose file changed", () => {
    const path = join(dir, "v1.json");
    writeManifest(path, { id: "v1", folder: [1, 2] }, files("home-1"), undefined);
    const first = readManifest(path, later());
    expect(readManifest(path, later())).toBe(first);
    writeManifest(path, { id: "v1", folder: [1, 2] }, files("home-22"), undefined);
    expect(readManifest(path, later())?.files.get("index.html")?.key).toBe("home-22");
  });

  it("gives back the files it wrote, without parsing, while the file holds what was written", () => {
    const path = join(dir, "v1.json");
    const written = files("home-1");
    writeManifest(path, { id: "v1", folder: [1, 2] }, written, "v0");
    const manifest = readManifest(path);
    expect(manifest?.files).toBe(written);
    // What parsing the file gives, entry for entry: each entry stamped with the version that wrote it.
    const parse = vi.spyOn(JSON, "parse");
    expect(readManifest(path, later())?.files).toBe(written);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(manifest?.files.get("index.html")).toEqual({ size: 10, key: "home-1", since: "v1" });
    expect([manifest?.id, manifest?.previous, manifest?.folder]).toEqual(["v1", "v0", [1, 2]]);
  });

  it("parses none of the manifests a dev server's rebuilds read: the current version's and the one before", () => {
    const path = (id: string) => join(dir, `${id}.json`);
    const folder: [number, number] = [1, 2];
    writeManifest(path("v1"), { id: "v1", folder }, files("home-1"), undefined);
    writeManifest(path("v2"), { id: "v2", folder }, files("home-2"), "v1");
    const parse = vi.spyOn(JSON, "parse");
    for (const [current, before, next] of [
      ["v2", "v1", "v3"],
      ["v3", "v2", "v4"],
      ["v4", "v3", "v5"],
    ] as const) {
      // Seconds apart, as rebuilds of a large site are: each file read is settled by then.
      expect(readManifest(path(current), later())?.id).toBe(current);
      expect(readManifest(path(before), later())?.id).toBe(before);
      writeManifest(path(next), { id: next, folder }, files(`home-${next}`), current);
    }
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it("reads a manifest rewritten right after it was written, at the same length", () => {
    const path = join(dir, "v1.json");
    writeManifest(path, { id: "v1", folder: [1, 2] }, files("home-1"), undefined);
    // Likely within the same tick of the file system's clock: then only the bytes tell the rewrite.
    writeFileSync(path, readFileSync(path, "utf8").replace("home-1", "home-2"));
    expect(readManifest(path)?.files.get("index.html")?.key).toBe("home-2");
  });

  it("gives undefined for a missing or damaged manifest, also after reading a good one there", async () => {
    const path = join(dir, "v1.json");
    expect(readManifest(path)).toBeUndefined();
    writeManifest(path, { id: "v1", folder: [1, 2] }, files("home-1"), undefined);
    expect(readManifest(path, later())).toBeDefined();
    await writeFile(path, "{ damaged");
    expect(readManifest(path, later())).toBeUndefined();
  });
});
