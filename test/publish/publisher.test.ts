// The publisher: staged output, unchanged files never rewritten, removed files dropped, abort safe.

import {
  cpSync,
  existsSync,
  renameSync,
  truncateSync,
  lstatSync,
  readlinkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readManifest } from "../../src/publish/manifest.ts";
import { Publisher } from "../../src/publish/publisher.ts";
import { readTree } from "../helpers/fixture.ts";

let root: string;
let out: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "broadsheet-publish-"));
  out = join(root, "dist");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const files: Record<string, string> = {
  "index.html": "<p>home</p>",
  "2025/08/15/summit/index.html": "<p>summit — Київ</p>",
  "tags/index.html": "<p>tags</p>",
};

/** One publish of `pages` (path → content), each page keyed `k:<path>` unless `keys` says otherwise. */
async function publish(pages: Record<string, string>, keys: Record<string, string> = {}) {
  const publisher = new Publisher(out);
  for (const [path, content] of Object.entries(pages)) publisher.add(path, content, keys[path] ?? `k:${path}`);
  return await publisher.commit();
}

/** Hand changes to an output file. */
const tampers: [string, (path: string) => void][] = [
  ["deleted by hand", (path) => unlinkSync(path)],
  ["edited by hand to another size", (path) => writeFileSync(path, "<p>edited by hand</p>")],
  ["truncated", (path) => truncateSync(path, 3)],
];

const OLD = new Date("2020-01-01T00:00:00Z");
/** Sets every output file's time to OLD, so that a rewrite shows. */
function ageAll(): void {
  for (const path of Object.keys(files)) utimesSync(join(out, path), OLD, OLD);
}
const mtime = (path: string) => statSync(join(out, path)).mtimeMs;
/** The folder of the version `dist` links to now, and its manifest. */
const currentVersion = () => resolve(root, readlinkSync(out));
const manifestPath = () => `${currentVersion()}.json`;
/** Versions in the store that `dist` does not link to (staging folders, a replaced version). */
const otherVersions = () =>
  existsSync(`${out}.builds`)
    ? readdirSync(`${out}.builds`).filter((name) => !currentVersion().endsWith(name.replace(/\.json$/, "")))
    : [];

describe("Publisher", () => {
  it("creates the output folder with every file on the first publish", async () => {
    expect(await publish(files)).toEqual({ files: 3, written: 3, removed: 0 });
    const tree = await readTree(out);
    expect(Object.fromEntries([...tree].map(([p, b]) => [p, b.toString("utf8")]))).toEqual(files);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(existsSync(manifestPath())).toBe(true);
    expect(otherVersions()).toEqual([]);
  });

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

  it("removes a file the next publish does not produce", async () => {
    await publish(files);
    const { "tags/index.html": _gone, ...rest } = files;
    expect(await publish(rest)).toEqual({ files: 2, written: 0, removed: 1 });
    expect(existsSync(join(out, "tags/index.html"))).toBe(false);
    expect(existsSync(join(out, "index.html"))).toBe(true);
  });

  // Regression: commit() used to remove the file but not the folders it emptied, so a deleted article left
  // dist/2025/08/15/summit/ behind as an empty folder: the output differs from a clean build's, and
  // a host such as nginx answers that URL with 403 instead of serving 404.html.
  it("removes the folders a removed file leaves empty", async () => {
    await publish(files);
    const { "2025/08/15/summit/index.html": _gone, ...rest } = files;
    await publish(rest);
    expect(readdirSync(out).sort()).toEqual(["index.html", "tags"]);
  });

  it("leaves the previous output byte for byte as it was on abort, and removes the staging folder", async () => {
    await publish(files);
    ageAll();
    const before = await readTree(out);
    const manifest = readFileSync(manifestPath(), "utf8");
    const version = currentVersion();
    const publisher = new Publisher(out);
    publisher.add("index.html", "<p>a new home</p>");
    publisher.add("new/index.html", "<p>new</p>");
    // Files go to a worker thread in batches of a few dozen: these fill one, and the staging folder appears.
    for (let i = 0; i < 100; i++) publisher.add(`more/${i}/index.html`, `<p>${i}</p>`);
    await vi.waitFor(() => expect(otherVersions()).toEqual([expect.stringMatching(`^${process.pid}-`)]));
    await publisher.abort();
    expect(otherVersions()).toEqual([]);
    expect(currentVersion()).toBe(version);
    const after = await readTree(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), path).toBe(true);
    expect(mtime("index.html")).toBe(OLD.getTime());
    expect(readFileSync(manifestPath(), "utf8")).toBe(manifest);
  });

  it("fails the commit with the error of a file it could not write, and leaves no output after abort", async () => {
    const publisher = new Publisher(out);
    // A file and a folder of the same name: one of the two cannot be written.
    publisher.add("page", "<p>a file</p>");
    publisher.add("page/index.html", "<p>a page under it</p>");
    // Which of the two is written first is up to the writer (the file first: its folder is refused with
    // EEXIST, "in the way"): either way, the message names the output path.
    await expect(publisher.commit()).rejects.toThrow(
      new RegExp(
        `^${root}/dist/page(/index.html)? (is a folder where the build writes a file|is not a folder|is in the way of the output)`,
      ),
    );
    await publisher.abort();
    expect(readdirSync(root)).toEqual([]);
  });

  it("removes the staging folder of an aborted first publish and creates no output", async () => {
    const publisher = new Publisher(out);
    publisher.add("index.html", "<p>home</p>");
    await publisher.abort();
    expect(readdirSync(root)).toEqual([]);
  });
});

describe("Publisher.currentKeys", () => {
  it("gives the key each file was written with, none for a file added without one", async () => {
    expect(new Publisher(out).currentKeys()).toEqual(new Map());
    const publisher = new Publisher(out);
    for (const [path, content] of Object.entries(files))
      publisher.add(path, content, path === "index.html" ? "home-1" : `k:${path}`);
    publisher.add("404.html", "<p>not found</p>");
    await publisher.commit();
    expect(new Publisher(out).currentKeys()).toEqual(
      new Map([
        ["2025/08/15/summit/index.html", "k:2025/08/15/summit/index.html"],
        ["index.html", "home-1"],
        ["tags/index.html", "k:tags/index.html"],
      ]),
    );
  });

  it.each(tampers)("writes again a file %s when it is added", async (_name, tamper) => {
    await publish(files);
    tamper(join(out, "tags/index.html"));
    const publisher = new Publisher(out);
    for (const [path, content] of Object.entries(files)) publisher.add(path, content, `k:${path}`);
    expect(await publisher.commit()).toEqual({ files: 3, written: 1, removed: 0 });
    expect(readFileSync(join(out, "tags/index.html"), "utf8")).toBe(files["tags/index.html"]);
  });

  it.each(tampers)("with verify, drops a file %s from the current keys", async (_name, tamper) => {
    await publish(files);
    tamper(join(out, "tags/index.html"));
    const keys = new Publisher(out, { verify: true }).currentKeys();
    expect([...keys.keys()].sort()).toEqual(["2025/08/15/summit/index.html", "index.html"]);
  });

  it("restores a file edited by hand at the same size, comparing bytes", async () => {
    await publish(files);
    writeFileSync(join(out, "index.html"), "<p>HOME</p>");
    expect((await publish(files)).written).toBe(1);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("<p>home</p>");
  });
});

describe("Publisher: files taken on the manifest's word", () => {
  /** Publishes `files` a second time keeping every page, as a build that rendered nothing does. */
  async function keepAll(publisher = new Publisher(out)) {
    for (const path of publisher.currentKeys().keys()) publisher.keep(path);
    return await publisher.commit();
  }

  it("takes the current keys on the manifest's word: a file deleted by hand is still listed", async () => {
    await publish(files);
    unlinkSync(join(out, "tags/index.html"));
    expect(new Publisher(out).currentKeys().size).toBe(3);
  });

  describe.each([
    ["with nothing else changed", () => undefined],
    ["with another page changed", (publisher: Publisher) => publisher.add("new/index.html", "<p>new</p>", "k:new")],
  ])("%s", (_what, more) => {
    it.each(tampers)("fails the commit, output as it was, for a kept file %s", async (_name, tamper) => {
      await publish(files);
      await publish(files, { "index.html": "home-2" });
      tamper(join(out, "tags/index.html"));
      const before = await readTree(out);
      const version = currentVersion();
      const publisher = new Publisher(out);
      more(publisher);
      const outcome = await keepAll(publisher).then(
        () => "published",
        (error: Error) => error.message,
      );
      if (outcome === "published") {
        // Only where the reused version still held the file as published (a file deleted from dist alone).
        expect(readFileSync(join(out, "tags/index.html"), "utf8")).toBe(files["tags/index.html"]);
      } else {
        expect(outcome).toMatch(
          /dist\/tags\/index\.html changed or went missing since it was published: the output was left/,
        );
        expect(currentVersion()).toBe(version);
        expect(await readTree(out)).toEqual(before);
      }
      // Built again with each file stat'ed, the output equals a clean build's.
      const again = new Publisher(out, { verify: true });
      for (const [path, content] of Object.entries(files)) again.add(path, content, `k:${path}`);
      await again.commit();
      const text = Object.fromEntries([...(await readTree(out))].map(([path, bytes]) => [path, bytes.toString()]));
      expect(text).toEqual(files);
    });
  });

  it.each([
    ["deleted by hand", undefined],
    ["edited by hand to another size", "<p>edited by hand</p>"],
    ["truncated", "<p"],
  ])("fails the commit for a file %s in the version before the current one", async (_name, text) => {
    await publish(files);
    const older = currentVersion();
    await publish({ ...files, "index.html": "<p>home 2</p>" });
    // Replaced, not written through: the current version's file stays as it was.
    unlinkSync(join(older, "tags/index.html"));
    if (text !== undefined) writeFileSync(join(older, "tags/index.html"), text);
    const before = await readTree(out);
    const publisher = new Publisher(out);
    publisher.add("new/index.html", "<p>new</p>", "k:new");
    await expect(keepAll(publisher)).rejects.toThrow(/dist\/tags\/index\.html changed or went missing/);
    expect(await readTree(out)).toEqual(before);
  });

  it.each([
    [
      "the version's folder replaced by a copy",
      () => {
        const dir = currentVersion();
        cpSync(dir, `${dir}-copy`, { recursive: true });
        rmSync(dir, { recursive: true });
        renameSync(`${dir}-copy`, dir);
      },
    ],
    [
      "the manifest of another version",
      () => {
        const other = `${out}-other`;
        const publisher = new Publisher(other);
        publisher.add("index.html", "<p>other</p>", "k:index.html");
        return publisher.commit().then(() => cpSync(`${resolve(root, readlinkSync(other))}.json`, manifestPath()));
      },
    ],
    ["the manifest damaged", () => writeFileSync(manifestPath(), '{"format":2,')],
  ])("does not trust the manifest after %s: a notice, and the output assembled anew", async (_name, damage) => {
    await publish(files);
    await damage();
    const notice = vi.fn();
    const publisher = new Publisher(out, { notice });
    expect(publisher.currentKeys()).toEqual(new Map());
    expect(notice).toHaveBeenCalledTimes(1);
    expect(notice.mock.calls[0]?.[0]).toMatch(/: the output is assembled anew\.$/);
    for (const [path, content] of Object.entries(files)) publisher.add(path, content, `k:${path}`);
    expect(await publisher.commit()).toEqual({ files: 3, written: 3, removed: 0 });
    const text = Object.fromEntries([...(await readTree(out))].map(([path, bytes]) => [path, bytes.toString()]));
    expect(text).toEqual(files);
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
