// The dev server's tests of a watcher's report that names only files as the last build read them, or
// files no build reads.
import { mkdir, mkdtemp, rm, stat, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asBuilt, imagesOf, listedAsBefore, nothingRead } from "../../src/build/dev-rebuild.ts";
import { emptyCache } from "../../src/content/markdown-cache.ts";
import { article } from "../helpers/articles.ts";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "dev-rebuild-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("asBuilt", () => {
  it("is true only when every file is one the last build read, with its size and time", async () => {
    const storm = join(root, "storm.md");
    const summit = join(root, "summit.md");
    await writeFile(storm, "A body.");
    await writeFile(summit, "Another body.");
    const cache = emptyCache();
    const { size, mtimeMs } = await stat(storm);
    const parsed = { errors: [], warnings: [] };
    cache.files.set(storm, { size, mtimeMs, parsed });
    expect(asBuilt([storm], cache)).toBe(true);
    expect(asBuilt([], cache)).toBe(false);
    // Not read by the last build (added, or not an article), or another time or size, or gone.
    expect(asBuilt([storm, summit], cache)).toBe(false);
    cache.files.set(storm, { size, mtimeMs: mtimeMs - 1, parsed });
    expect(asBuilt([storm], cache)).toBe(false);
    cache.files.set(storm, { size: size + 1, mtimeMs, parsed });
    expect(asBuilt([storm], cache)).toBe(false);
    cache.files.set(storm, { size, mtimeMs, parsed });
    await unlink(storm);
    expect(asBuilt([storm], cache)).toBe(false);
  });
});

describe("listedAsBefore", () => {
  it("keeps a listing only for edits of files it lists that are still files of their own", async () => {
    const folder = join(root, "listed");
    await mkdir(join(folder, "2025"), { recursive: true });
    const [storm, summit, added] = ["storm.md", "summit.md", "added.md"].map((name) => join(folder, "2025", name));
    await writeFile(storm as string, "A body.");
    await writeFile(summit as string, "Another body.");
    const listed = new Set([storm, summit] as string[]);
    const paths = () => listed;
    expect(listedAsBefore([storm, summit] as string[], paths)).toBe(true);
    expect(listedAsBefore([], paths)).toBe(false);
    // A file it does not list (added), a folder, a file gone, a file replaced by a link.
    await writeFile(added as string, "New.");
    expect(listedAsBefore([storm, added] as string[], paths)).toBe(false);
    expect(listedAsBefore([join(folder, "2025")], paths)).toBe(false);
    await unlink(summit as string);
    expect(listedAsBefore([summit as string], paths)).toBe(false);
    await symlink(storm as string, summit as string);
    expect(listedAsBefore([summit as string], paths)).toBe(false);
  });
});

describe("nothingRead", () => {
  it("names files in the articles folder that no build reads, and files as the last build read them", async () => {
    const articles = join(root, "content", "articles");
    await mkdir(join(articles, "2025"), { recursive: true });
    const storm = join(articles, "2025", "storm.md");
    await writeFile(storm, "A body.");
    const cache = emptyCache();
    const { size, mtimeMs } = await stat(storm);
    cache.files.set(storm, { size, mtimeMs, parsed: { errors: [], warnings: [] } });
    const swap = join(articles, "2025", ".storm.md.swp");
    const photo = join(articles, "2025", "photo.jpg");
    const settings = join(root, "content", "_data", "site.json");
    await mkdir(join(root, "content", "_data"));
    for (const file of [swap, photo, settings]) await writeFile(file, "x");
    const shown = new Set([photo]);
    const read = (files: string[]) => nothingRead(files, cache, articles, () => shown);
    // An editor's swap file, there or gone; with an article as it was read.
    expect(read([swap])).toBe("unread");
    expect(read([join(articles, "2025", "gone.tmp")])).toBe("unread");
    // Emacs's lock file: a symbolic link to nothing named like an article.
    const lock = join(articles, "2025", ".#storm.md");
    await symlink("editor@host.4242:1764500000", lock);
    expect(read([lock])).toBe("unread");
    expect(read([swap, storm])).toBe("as built");
    expect(read([storm])).toBe("as built");
    // Read by a build: an image an article shows, the settings, Markdown not read yet, a folder, a
    // folder gone that held an article the build read, and an article changed since.
    expect(read([photo])).toBeUndefined();
    expect(read([swap, settings])).toBeUndefined();
    expect(read([join(articles, "2025", "new.md")])).toBeUndefined();
    expect(read([join(articles, "2025")])).toBeUndefined();
    await writeFile(storm, "Another body.");
    expect(read([storm])).toBeUndefined();
    expect(read([swap, storm])).toBeUndefined();
    await rm(join(articles, "2025"), { recursive: true });
    expect(read([join(articles, "2025")])).toBeUndefined();
    expect(read([])).toBeUndefined();
  });

  it("knows the images articles show, lead and body, by their absolute paths", () => {
    const file = relative(process.cwd(), join(root, "content", "articles", "storm.md"));
    const shown = imagesOf([
      article("storm", "2025-08-16T10:00:00Z", {
        file,
        image: { path: "./photos/coast.jpg", alt: "The coast road" },
        bodyImages: [{ path: "../map.png", alt: "A map" }],
      }),
      article("summit", "2025-08-15T09:00:00Z"),
    ]);
    expect([...shown].sort()).toEqual([
      join(root, "content", "articles", "photos", "coast.jpg"),
      join(root, "content", "map.png"),
    ]);
  });
});
