// The dev server's search index: kept beside its output (.dev.search), served under /pagefind/, and
// brought up to date after an edit, while the output's versions never hold an index of their own.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchRoot, type startDevServer } from "../../src/build/dev-server.ts";
import { serveFolder } from "../../src/build/search-files.ts";
import { devFiles, getRaw, startOnSite } from "../helpers/dev-server.ts";
import { articleFile, fixtureSettings, makeSite } from "../helpers/fixture.ts";

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

let site: Awaited<ReturnType<typeof makeSite>>;
let server: Awaited<ReturnType<typeof startDevServer>>;
const lines: string[] = [];
const dev = () => join(site.root, ".dev");
const manifest = () => join(searchRoot(dev()), "pagefind", "shards.json");

async function until(ready: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1200 && !(await ready()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

const get = (path: string) => getRaw(server.url, path);

beforeAll(async () => {
  site = await makeSite(devFiles, { ...fixtureSettings, search: true });
  server = await startOnSite(site, (line) => lines.push(line));
  await until(() => existsSync(manifest()));
}, 90_000);
afterAll(async () => {
  await server?.close();
  await site?.remove();
});

describe("the dev server's search index", () => {
  it("is written beside the output and served under /pagefind/; the output holds none", async () => {
    expect(existsSync(manifest())).toBe(true);
    expect(existsSync(join(dev(), "pagefind"))).toBe(false);
    const shards = await get("/pagefind/shards.json");
    expect(shards.status).toBe(200);
    expect(shards.type).toMatch(/^application\/json/);
    expect(shards.body).toBe(await readFile(manifest(), "utf8"));
    expect((await get("/pagefind/pagefind.js")).type).toMatch(/^text\/javascript/);
    expect((await get("/pagefind/no-such-file.js")).status).toBe(404);
  });

  it("takes an edit into its delta after the rebuild, and still never writes into the output", async () => {
    const before = await readFile(manifest(), "utf8");
    await writeFile(
      join(site.content, "articles", "storm.md"),
      articleFile(
        { title: "Storm closes the coast road", date: "2025-08-16T10:00:00Z", tags: ["Weather"] },
        "Crews cleared the Quillmere causeway by noon.",
      ),
    );
    await until(async () => (await readFile(manifest(), "utf8").catch(() => before)) !== before);
    expect(await readFile(manifest(), "utf8")).not.toBe(before);
    expect(existsSync(join(searchRoot(dev()), "pagefind", "delta"))).toBe(true);
    expect(existsSync(join(dev(), "pagefind"))).toBe(false);
    expect(lines.filter((line) => line.startsWith("Search index not updated"))).toEqual([]);
  }, 90_000);
});

describe("serveFolder", () => {
  it("passes on any other path, and a file that is not there", async () => {
    const passed: string[] = [];
    const res = { statusCode: 0, setHeader: () => undefined, end: () => undefined };
    const serve = serveFolder("/pagefind/", join(site.root, "nowhere"));
    await serve({ url: "/index.html" }, res, () => passed.push("other"));
    await serve({ url: "/pagefind/pagefind.js" }, res, () => passed.push("missing"));
    expect(passed).toEqual(["other", "missing"]);
    expect(res.statusCode).toBe(0);
  });
});
