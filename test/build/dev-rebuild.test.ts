// The dev server's test of a watcher's report that names only files as the last build read them.
import { mkdtemp, rm, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asBuilt } from "../../src/build/dev-rebuild.ts";
import { emptyCache } from "../../src/content/markdown-cache.ts";

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
