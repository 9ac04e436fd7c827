// The publisher: a version of the output switched to whole or dropped (abort safe), removed files and their folders
// dropped, the previous version's manifest trusted or not, files taken on its word checked at commit.

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
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Publisher } from "../../src/publish/publisher.ts";
import { readTree } from "../helpers/fixture.ts";
import { ageFiles, files, mtimeIn, OLD, publishPages, versionOf } from "../helpers/published.ts";

let root: string;
let out: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "broadsheet-publish-"));
  out = join(root, "dist");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const publish = (pages: Record<string, string>, keys?: Record<string, string>) => publishPages(out, pages, keys);
const ageAll = () => ageFiles(out);
const mtime = (path: string) => mtimeIn(out, path);

/** Hand changes to an output file. */
const tampers: [string, (path: string) => void][] = [
  ["deleted by hand", (path) => unlinkSync(path)],
  ["edited by hand to another size", (path) => writeFileSync(path, "<p>edited by hand</p>")],
  ["truncated", (path) => truncateSync(path, 3)],
];

/** The folder of the version `dist` links to now, and its manifest. */
const currentVersion = () => versionOf(out);
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
