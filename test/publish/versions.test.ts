// The output switches at once: versions beside each other, dist a link moved in one rename, dead
// builds' folders removed, and file-system failures told in one line with dist/ left as it was.
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { abortAll } from "../../src/publish/open-publishes.ts";
import { Publisher } from "../../src/publish/publisher.ts";
import { OutputError } from "../../src/publish/output-error.ts";
import { readTree } from "../helpers/fixture.ts";

let root: string;
let out: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "broadsheet-versions-"));
  out = join(root, "dist");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const site = (title: string): Record<string, string> => ({
  "index.html": `<h1>${title}</h1>`,
  "feeds/rss.xml": `<rss>${title}</rss>`,
  "2025/08/15/summit/index.html": `<p>${title}: summit</p>`,
});
async function publish(pages: Record<string, string>) {
  const publisher = new Publisher(out);
  for (const [path, content] of Object.entries(pages)) publisher.add(path, content, `k:${content}`);
  return await publisher.commit();
}
const text = async (dir: string) => Object.fromEntries([...(await readTree(dir))].map(([p, b]) => [p, b.toString()]));
const target = () => resolve(root, readlinkSync(out));
/** A process id that no process has any more. */
const deadPid = () => spawnSync("true").pid ?? 0;

describe("Publisher: one switch", () => {
  it("keeps dist on the old version until commit, then links it to the complete new one", async () => {
    await publish(site("Old"));
    const old = target();
    const publisher = new Publisher(out);
    for (const [path, content] of Object.entries(site("New"))) publisher.add(path, content);
    expect(await text(out)).toEqual(site("Old"));
    await publisher.commit();
    expect(target()).not.toBe(old);
    expect(await text(out)).toEqual(site("New"));
    // The replaced version stays, whole, for readers that still hold it; the next switch removes it.
    expect(await text(old)).toEqual(site("Old"));
    await publish(site("Newer"));
    expect(existsSync(old)).toBe(false);
    expect(readdirSync(`${out}.builds`).sort()).toHaveLength(4);
  });

  it("hard-links unchanged files into the new version: same file, time kept", async () => {
    await publish(site("Old"));
    const before = statSync(join(out, "feeds/rss.xml"));
    await publish({ ...site("Old"), "index.html": "<h1>Changed</h1>" });
    const after = statSync(join(out, "feeds/rss.xml"));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(statSync(join(out, "index.html")).ino).not.toBe(before.ino);
  });

  it("makes no new version when nothing changed", async () => {
    await publish(site("Old"));
    const old = target();
    expect(await publish(site("Old"))).toEqual({ files: 3, written: 0, removed: 0 });
    expect(target()).toBe(old);
    expect(readdirSync(`${out}.builds`).sort()).toEqual([`${old.split("/").pop()}`, `${old.split("/").pop()}.json`]);
  });

  it("turns a plain dist folder (the earlier publisher's output) into a link, with the new site", async () => {
    mkdirSync(join(out, "stale"), { recursive: true });
    writeFileSync(join(out, "stale/index.html"), "<p>stale</p>");
    writeFileSync(join(out, "index.html"), "<h1>New</h1>");
    await publish(site("New"));
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(await text(out)).toEqual(site("New"));
    expect(readdirSync(`${out}.builds`).filter((n) => n.startsWith("legacy-"))).toEqual([]);
  });

  it("removes the staging folders and links of dead builds, also the earlier publisher's", async () => {
    await publish(site("Old"));
    const dead = deadPid();
    for (const dir of [`${out}.builds/${dead}-0badf00d/a`, `${out}.partial-${dead}/b`])
      mkdirSync(dir, { recursive: true });
    writeFileSync(`${out}.builds/${dead}-0badf00d.json`, "{");
    // A live process's staging folder (this test runner's parent) is left alone.
    mkdirSync(`${out}.builds/${process.ppid}-0000aaaa`);
    new Publisher(out);
    expect(readdirSync(root).sort()).toEqual(["dist", "dist.builds"]);
    expect(readdirSync(`${out}.builds`).filter((n) => !target().endsWith(n.replace(".json", "")))).toEqual([
      `${process.ppid}-0000aaaa`,
    ]);
  });

  it("aborts a commit under way when abortAll runs first (a signal handler), leaving dist as it was", async () => {
    await publish(site("Old"));
    const old = target();
    const publisher = new Publisher(out);
    for (let i = 0; i < 200; i++) publisher.add(`many/${i}/index.html`, `<p>${i}</p>`);
    const committing = publisher.commit();
    expect(await abortAll()).toBe(true);
    await expect(committing).rejects.toThrow(OutputError);
    expect(target()).toBe(old);
    expect(await text(out)).toEqual(site("Old"));
    expect(readdirSync(`${out}.builds`)).toHaveLength(2);
  });
});

describe("Publisher: file-system errors are messages, dist unchanged", () => {
  it("dist is a file", () => {
    writeFileSync(out, "not a folder");
    expect(() => new Publisher(out)).toThrow(
      new OutputError(`${out} is a file, not a folder: move or remove it`, "ENOTDIR"),
    );
    expect(readFileSync(out, "utf8")).toBe("not a folder");
  });

  it("a file in dist/ is a folder: the new version is written beside it, and equals a clean build", async () => {
    await publish(site("Old"));
    rmSync(join(out, "index.html"));
    mkdirSync(join(out, "index.html"));
    await publish(site("New"));
    expect(await text(out)).toEqual(site("New"));
  });

  // Tests run as root, for whom permissions do not stop a write: the immutable attribute does.
  it("the folder of versions is not writable (chattr +i): one line naming it, dist as it was", async () => {
    await publish(site("Old"));
    const before = await text(out);
    execFileSync("chattr", ["+i", `${out}.builds`]);
    try {
      // Told when the publisher is made, before any page is rendered.
      expect(() => new Publisher(out)).toThrow(new RegExp(`^${out}\\.builds is not writable: check its permissions`));
    } finally {
      execFileSync("chattr", ["-i", `${out}.builds`]);
    }
    expect(await text(out)).toEqual(before);
  });

  it("the disk is full (a 1 MB tmpfs): one line, dist as it was", async () => {
    const disk = join(root, "disk");
    mkdirSync(disk);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk]);
    try {
      out = join(disk, "dist");
      await publish(site("Old"));
      const before = await text(out);
      const publisher = new Publisher(out);
      for (let i = 0; i < 8; i++) publisher.add(`big/${i}.bin`, Buffer.alloc(200_000, i));
      await expect(publisher.commit()).rejects.toThrow(/^there is no space left on the disk that holds .*dist/);
      expect(await text(out)).toEqual(before);
      expect(readdirSync(`${out}.builds`)).toHaveLength(2);
    } finally {
      execFileSync("umount", [disk]);
    }
  });
});
