// Publishing the sharded index through a Publisher: an edit goes into the delta bundle of the edit
// overlay (the shard's bundle is kept, the manifest names what the delta supersedes), and compaction
// publishes what a clean build does.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.ts";
import { Publisher } from "../../src/publish/publisher.ts";
import { indexedDocs } from "../../src/search/fragments.ts";
import type { OverlayOptions } from "../../src/search/overlay.ts";
import { type PublishOptions, publishSearchIndex } from "../../src/search/sharded-index.ts";
import type { ShardEntry } from "../../src/search/shards.ts";
import type { Article } from "../../src/content/article.ts";
import { article, testSettings } from "../helpers/articles.ts";
import { readTree } from "../helpers/fixture.ts";
import { foundDocs } from "../helpers/search-index.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "broadsheet-sharded-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const settings = { ...testSettings, searchShardSize: 100 };
const articles = [
  article("bridge", "2025-08-15T09:00:00Z", { bodyHtml: "<p>The swing bridge reopens.</p>", tags: ["Transport"] }),
  article("ferry", "2025-08-16T09:00:00Z", { bodyHtml: "<p>Ferries leave hourly.</p>", tags: ["Transport"] }),
  article("regatta", "2025-07-10T09:00:00Z", { bodyHtml: "<p>Sails on the estuary.</p>" }),
];
const edited = (list: Article[]) =>
  list.map((a) => (a.slug === "ferry" ? { ...a, bodyHtml: "<p>Ferries leave every half hour.</p>" } : a));

/** Publishes the index of `list` into `out` as a build does; gives what it reports. */
async function publish(
  list: Article[],
  out = join(root, "dist"),
  overlay: Partial<OverlayOptions> = {},
  options: Partial<PublishOptions> = {},
) {
  const publisher = new Publisher(out);
  const index = await publishSearchIndex(buildDigest(settings, list), publisher, `${out}.search.json`, "v1", {
    notice: () => undefined,
    overlay,
    ...options,
  });
  await publisher.commit();
  await index.save();
  return index;
}
const manifest = async (out = join(root, "dist")) =>
  JSON.parse(await readFile(join(out, "pagefind", "shards.json"), "utf8")) as ShardEntry[];
/** Every file of the index, path → bytes. */
const indexTree = async (out = join(root, "dist")) =>
  new Map([...(await readTree(out))].filter(([path]) => path.startsWith("pagefind/")));
/** The articles a bundle of the output holds. */
const docsOf = async (bundle: string, out = join(root, "dist")) =>
  indexedDocs(
    [...(await indexTree(out))]
      .filter(([path]) => path.startsWith(`pagefind/${bundle}/`))
      .map(([path, content]) => ({ path: path.slice(`pagefind/${bundle}/`.length), content })),
  );

describe("publishSearchIndex with the edit overlay", () => {
  it("puts an edited article into the delta, keeps its shard's bundle and names the result it supersedes", async () => {
    await publish(articles);
    const before = await indexTree();
    const old = (await docsOf("2025-07")).find((d) => d.url === "/2025/08/16/ferry/");
    const index = await publish(edited(articles));
    expect(index).toMatchObject({ shards: 1, reindexed: 1, delta: 1 });
    const after = await indexTree();
    // The shard's bundle is as it was, byte for byte.
    for (const [path, bytes] of before)
      if (path.startsWith("pagefind/2025-07/")) expect(after.get(path)).toEqual(bytes);
    const [delta] = await docsOf("delta");
    expect(delta?.url).toBe("/2025/08/16/ferry/");
    const [shard, entry, ...rest] = await manifest();
    expect(rest).toEqual([]);
    expect(shard).toMatchObject({ path: "2025-07/", articles: 3, superseded: [[old?.id, old?.filters]] });
    expect(entry).toEqual({
      path: "delta/",
      from: "2025-08-16T09:00:00.000Z",
      to: "2025-08-16T09:00:00.000Z",
      articles: 1,
      overlay: [[delta?.id, "2025-08-16T09:00:00.000Z"]],
    });
    // The same content again: nothing runs.
    expect(await publish(edited(articles))).toMatchObject({ ran: false, reindexed: 0, delta: 1 });
    expect(await indexTree()).toEqual(after);
  });

  it("writes the menus' counts of what the index finds, edits and deletions included", async () => {
    /** filters.json, and the counts of the filters of every article the published index finds. */
    const counts = async () => {
      const tree = await indexTree();
      const found: Record<string, Record<string, number>> = {};
      for (const doc of foundDocs(tree))
        for (const [name, values] of Object.entries(doc.filters))
          for (const value of values) found[name] = { ...found[name], [value]: (found[name]?.[value] ?? 0) + 1 };
      return { written: JSON.parse(Buffer.from(tree.get("pagefind/filters.json") ?? "").toString()), found };
    };
    await publish(articles);
    const clean = await counts();
    expect(clean.written).toMatchObject({ tag: { Transport: 2 } });
    expect(clean.written).toEqual(clean.found);
    // A tag changed goes through the overlay (into the delta), then a deletion: the counts follow them.
    const retagged = articles.map((a) => (a.slug === "ferry" ? { ...a, tags: ["Ferries"] } : a));
    expect(await publish(retagged)).toMatchObject({ delta: 1 });
    const after = await counts();
    expect(after.written).toMatchObject({ tag: { Transport: 1, Ferries: 1 } });
    expect(after.written).toEqual(after.found);
    await publish(retagged.filter((a) => a.slug !== "bridge"));
    const deleted = await counts();
    expect(deleted.written).toEqual({ tag: { Ferries: 1 } });
    expect(deleted.written).toEqual(deleted.found);
  });

  it("supersedes a deleted article's result with no delta, and removes a delta no longer needed", async () => {
    await publish(articles);
    await publish(edited(articles));
    const ferry = (await docsOf("2025-07")).find((d) => d.url === "/2025/08/16/ferry/");
    expect(await publish(articles.filter((a) => a.slug !== "ferry"))).toMatchObject({ reindexed: 0, delta: 0 });
    expect(await manifest()).toEqual([
      expect.objectContaining({ path: "2025-07/", superseded: [[ferry?.id, ferry?.filters]] }),
    ]);
    expect([...(await indexTree()).keys()].filter((path) => path.startsWith("pagefind/delta/"))).toEqual([]);
  });

  it("indexes every shard again when the size of the word index's chunks changes, as a clean build does", async () => {
    await publish(articles, undefined, {}, { chunkBytes: 0 });
    const pagefinds = await indexTree();
    expect(await publish(articles, undefined, {}, { chunkBytes: 0 })).toMatchObject({ ran: false, reindexed: 0 });
    expect(await publish(articles)).toMatchObject({ shards: 1, reindexed: 1, delta: 0 });
    // The default size, named or not, is the same key: nothing runs again.
    expect(await publish(articles, undefined, {}, { chunkBytes: 4096 })).toMatchObject({ ran: false, reindexed: 0 });
    const clean = join(root, "clean");
    await publish(articles, clean);
    const ours = await indexTree();
    expect(ours).toEqual(await indexTree(clean));
    expect([...ours.keys()].filter((path) => path.includes("/index/"))).not.toEqual(
      [...pagefinds.keys()].filter((path) => path.includes("/index/")),
    );
    expect(foundDocs(ours)).toEqual(foundDocs(pagefinds));
  });

  it("compacts when the delta is full: the index is then the one a clean build publishes", async () => {
    await publish(articles);
    await publish(edited(articles));
    expect(await publish(edited(articles), undefined, { most: 0 })).toMatchObject({ reindexed: 1, delta: 0 });
    const clean = join(root, "clean");
    await publish(edited(articles), clean);
    expect(await indexTree()).toEqual(await indexTree(clean));
    expect(await manifest()).toEqual(await manifest(clean));
  });
});
