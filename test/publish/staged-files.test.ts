// The files a publish stages (staged-files.ts), through the Publisher that uses them: unchanged content
// never rewritten (its time stays), pages kept without rendering them again, binary files and copies.
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readManifest } from "../../src/publish/manifest.ts";
import { Publisher } from "../../src/publish/publisher.ts";
import { ageFiles, files, mtimeIn, OLD, publishPages, versionOf } from "../helpers/published.ts";

let root: string;
let out: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "broadsheet-staged-"));
  out = join(root, "dist");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const publish = (pages: Record<string, string>, keys?: Record<string, string>) => publishPages(out, pages, keys);
const ageAll = () => ageFiles(out);
const mtime = (path: string) => mtimeIn(out, path);
const manifestPath = () => `${versionOf(out)}.json`;

describe("Publisher.add", () => {
  it("writes nothing and keeps every time when the content is the same", async () => {
    await publish(files);
    ageAll();
    expect(await publish(files)).toEqual({ files: 3, written: 0, removed: 0 });
    for (const path of Object.keys(files)) expect(mtime(path), path).toBe(OLD.getTime());
  });

  it("rewrites only the file whose content changed, also at the same size", async () => {
    await publish(files);
    ageAll();
    const changed = { ...files, "tags/index.html": "<p>TAGS</p>" };
    expect(await publish(changed)).toEqual({ files: 3, written: 1, removed: 0 });
    expect(readFileSync(join(out, "tags/index.html"), "utf8")).toBe("<p>TAGS</p>");
    expect(mtime("tags/index.html")).not.toBe(OLD.getTime());
    expect(mtime("index.html")).toBe(OLD.getTime());
  });
});

describe("Publisher.keep", () => {
  it("keeps a file untouched and in the manifest without adding it again", async () => {
    await publish(files, { "index.html": "home-1" });
    ageAll();
    const publisher = new Publisher(out);
    publisher.keep("index.html");
    publisher.add("2025/08/15/summit/index.html", files["2025/08/15/summit/index.html"]!);
    publisher.add("tags/index.html", files["tags/index.html"]!);
    expect(await publisher.commit()).toEqual({ files: 3, written: 0, removed: 0 });
    expect(mtime("index.html")).toBe(OLD.getTime());
    expect(new Publisher(out).currentKeys().get("index.html")).toBe("home-1");
    expect(readManifest(manifestPath())?.files.get("index.html")?.key).toBe("home-1");
  });

  it("ignores a path the previous output does not hold", async () => {
    await publish(files);
    const publisher = new Publisher(out);
    publisher.keep("never/index.html");
    expect(await publisher.commit()).toEqual({ files: 0, written: 0, removed: 3 });
  });
});

describe("Publisher.keepAll", () => {
  it("keeps every file when all are still there as written", async () => {
    await publish(files);
    ageAll();
    const publisher = new Publisher(out);
    expect(publisher.keepAll(Object.keys(files))).toBe(true);
    expect(await publisher.commit()).toEqual({ files: 3, written: 0, removed: 0 });
    expect(Object.keys(files).map(mtime)).toEqual([OLD.getTime(), OLD.getTime(), OLD.getTime()]);
  });

  it("keeps none when one is missing from the output or was never written", async () => {
    await publish(files);
    unlinkSync(join(out, "tags/index.html"));
    expect(new Publisher(out, { verify: true }).keepAll(Object.keys(files))).toBe(false);
    await publish(files);
    const publisher = new Publisher(out);
    expect(publisher.keepAll(["index.html", "never/index.html"])).toBe(false);
    // Nothing was kept: the commit removes what the previous output held.
    expect(await publisher.commit()).toEqual({ files: 0, written: 0, removed: 3 });
  });

  it("keeps none, with verify, when one was edited by hand to another size; without, the commit finds it", async () => {
    await publish(files);
    writeFileSync(join(out, "index.html"), "<p>edited by hand</p>");
    expect(new Publisher(out, { verify: true }).keepAll(Object.keys(files))).toBe(false);
    const publisher = new Publisher(out);
    expect(publisher.keepAll(Object.keys(files))).toBe(true);
    await expect(publisher.commit()).rejects.toThrow(/dist\/index\.html changed or went missing/);
  });
});

describe("Publisher.add with bytes", () => {
  const bytes = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x80]);

  it("writes binary content byte for byte, and not again while it is the same", async () => {
    const first = new Publisher(out);
    first.add("pagefind/index/en_1.pf_index", bytes);
    expect(await first.commit()).toEqual({ files: 1, written: 1, removed: 0 });
    expect(new Uint8Array(readFileSync(join(out, "pagefind/index/en_1.pf_index")))).toEqual(bytes);
    const second = new Publisher(out);
    second.add("pagefind/index/en_1.pf_index", bytes.slice());
    expect(await second.commit()).toEqual({ files: 1, written: 0, removed: 0 });
    const third = new Publisher(out);
    third.add("pagefind/index/en_1.pf_index", new Uint8Array([...bytes.slice(0, -1), 0x81]));
    expect(await third.commit()).toEqual({ files: 1, written: 1, removed: 0 });
  });
});

describe("Publisher.copy", () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x00, 0x80]);

  it("copies a binary file byte for byte, and not again while it is unchanged", async () => {
    const from = join(root, "photo.png");
    writeFileSync(from, bytes);
    const first = new Publisher(out);
    first.copy({ from, to: "media/photo-3f2a9c1d.png" });
    first.add("index.html", "<p>home</p>");
    expect(await first.commit()).toEqual({ files: 2, written: 2, removed: 0 });
    expect(readFileSync(join(out, "media/photo-3f2a9c1d.png")).equals(bytes)).toBe(true);

    utimesSync(join(out, "media/photo-3f2a9c1d.png"), OLD, OLD);
    const second = new Publisher(out);
    second.copy({ from, to: "media/photo-3f2a9c1d.png" });
    second.add("index.html", "<p>home</p>");
    expect(await second.commit()).toEqual({ files: 2, written: 0, removed: 0 });
    expect(statSync(join(out, "media/photo-3f2a9c1d.png")).mtimeMs).toBe(OLD.getTime());
    // A copy records no page key.
    expect(second.currentKeys().has("media/photo-3f2a9c1d.png")).toBe(false);
  });

  it("copies again when the copy in the output was deleted", async () => {
    const from = join(root, "photo.png");
    writeFileSync(from, bytes);
    const first = new Publisher(out);
    first.copy({ from, to: "media/photo.png" });
    await first.commit();
    unlinkSync(join(out, "media/photo.png"));
    const second = new Publisher(out);
    second.copy({ from, to: "media/photo.png" });
    await expect(second.commit()).rejects.toThrow(/dist\/media\/photo\.png changed or went missing/);
    const third = new Publisher(out, { verify: true });
    third.copy({ from, to: "media/photo.png" });
    expect((await third.commit()).written).toBe(1);
    expect(readFileSync(join(out, "media/photo.png")).equals(bytes)).toBe(true);
  });
});
