// Which shards the edit overlay keeps, takes as overlay or indexes again, and what the delta supersedes.
import { describe, expect, it } from "vitest";
import { type DocTable, planOverlay, type ShardState } from "../../src/search/overlay.ts";

type Item = { url: string; key: string };
const article = (item: Item) => item;
const item = (n: number, key = "k") => ({ url: `/a/${n}/`, key: `${key}${n}` });
/** What a bundle made of `items` holds: fragment id `f<n>`, tag `t<n>`. */
const docs = (items: Item[]): DocTable =>
  Object.fromEntries(
    items.map((i) => [i.url, [i.key, `f${i.url.split("/")[2]}`, { tag: [`t${i.url.split("/")[2]}`] }]]),
  );
const shard = (items: Item[], published?: Item[], key = "now"): ShardState<Item> => ({
  items,
  key,
  published: published && { key: "then", docs: docs(published) },
});
const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => item(n));

describe("planOverlay", () => {
  it("keeps a shard whose key is the published one, and indexes one with nothing published or no record of its articles", () => {
    const same: ShardState<Item> = { items: ten, key: "then", published: { key: "then" } };
    const noDocs: ShardState<Item> = { items: ten, key: "now", published: { key: "then" } };
    expect(planOverlay([same, shard(ten), noDocs], article, 100)).toEqual([
      { mode: "keep" },
      { mode: "index" },
      { mode: "index" },
    ]);
  });

  it("takes an edit, an addition and a deletion as overlay: the changed articles, and the results they supersede", () => {
    const now = [item(1, "edited"), ...ten.slice(1, 9), item(11)];
    expect(planOverlay([shard(now, ten)], article, 100, { share: 0.5 })).toEqual([
      {
        mode: "overlay",
        changed: [item(1, "edited"), item(11)],
        superseded: [
          ["f1", { tag: ["t1"] }],
          ["f10", { tag: ["t10"] }],
        ],
      },
    ]);
  });

  it("takes nothing as overlay when only the shard's key changed", () => {
    expect(planOverlay([shard(ten, ten)], article, 100)).toEqual([{ mode: "overlay", changed: [], superseded: [] }]);
  });

  it("indexes a shard again when more than its share changed (added, edited and removed count once each)", () => {
    const now = [item(1, "edited"), ...ten.slice(1, 9), item(11)];
    // Three changes: within 30 % of 10, not within 20 %.
    expect(planOverlay([shard(now, ten)], article, 10, { share: 0.3 })[0]?.mode).toBe("overlay");
    expect(planOverlay([shard(now, ten)], article, 10, { share: 0.2 })[0]?.mode).toBe("index");
  });

  it("indexes again a shard whose articles all changed (a new code version), however big the shard size", () => {
    const all = ten.map((i) => ({ ...i, key: `${i.key}-v2` }));
    expect(planOverlay([shard(all, ten)], article, 2500)[0]?.mode).toBe("index");
    // One of ten, at a shard size of 2,500: within 10 % of its ten articles.
    expect(planOverlay([shard([all[0] as Item, ...ten.slice(1)], ten)], article, 2500)[0]?.mode).toBe("overlay");
  });

  it("takes one change as overlay however small the shard", () => {
    const one = [item(1)];
    expect(planOverlay([shard([item(1, "edited")], one)], article, 1)[0]?.mode).toBe("overlay");
    expect(planOverlay([shard([item(1, "edited"), item(2)], one)], article, 1)[0]?.mode).toBe("index");
  });

  it("compacts the shards that put most into a full delta, until it fits", () => {
    const a = [item(1, "x"), item(2, "x"), ...ten.slice(2)];
    const b = [item(1, "y"), ...ten.slice(1)].map((i) => ({ ...i, url: `/b${i.url}` }));
    const bPublished = ten.map((i) => ({ ...i, url: `/b${i.url}` }));
    const c = [item(3, "z"), ...ten.slice(1)].map((i) => ({ ...i, url: `/c${i.url}` }));
    const cPublished = ten.map((i) => ({ ...i, url: `/c${i.url}` }));
    const shards = [shard(a, ten), shard(b, bPublished), shard(c, cPublished)];
    const modes = (most: number) => planOverlay(shards, article, 100, { most, share: 0.5 }).map((d) => d.mode);
    expect(modes(4)).toEqual(["overlay", "overlay", "overlay"]);
    expect(modes(3)).toEqual(["index", "overlay", "overlay"]);
    // On a tie, the earlier shard goes first.
    expect(modes(1)).toEqual(["index", "index", "overlay"]);
    expect(modes(0)).toEqual(["index", "index", "index"]);
  });

  it("plans nothing for no shards", () => {
    expect(planOverlay([], article, 100)).toEqual([]);
  });
});
