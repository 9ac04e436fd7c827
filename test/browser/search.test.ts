// The search page in a real browser: Pagefind's index, loaded under the site's CSP, finds an article
// by a word of its body, and the tag filter narrows the results. The same sample built with shards
// of five articles (several shards) finds the newest and the oldest article and keeps "newest first".
// That copy is then edited (one article's words changed, another deleted) and built again, so its
// index is under the edit overlay: the shards as they were, a delta, and the results it supersedes.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../.eleventy.ts";
import { serveSite } from "../helpers/static-server.ts";
import { launchChromium, watchProblems } from "./chromium.ts";
import { siteUrl } from "./served.ts";

const CONTENT = fileURLToPath(new URL("../../content", import.meta.url));
/** Articles per shard in the sharded copy of the sample: its 27 published articles make six shards. */
const SHARD_SIZE = 5;
/** The edit and the deletion the sharded copy takes after its first build. */
const EDITED = "articles/2026/11/valley-line-strike-begins.md";
const DELETED = "articles/2026/11/ashcombe-by-election-housing-pledges.md";

let browser: Browser;
let sharded: { url: string; close(): Promise<void>; root: string };
beforeAll(async () => {
  browser = await launchChromium();
  // Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
  register();
  const root = await mkdtemp(join(tmpdir(), "broadsheet-sharded-"));
  await cp(CONTENT, join(root, "content"), { recursive: true });
  const settingsFile = join(root, "content", "_data", "site.json");
  const settings = JSON.parse(await readFile(settingsFile, "utf8")) as Record<string, unknown>;
  await writeFile(settingsFile, JSON.stringify({ ...settings, searchShardSize: SHARD_SIZE }));
  const output = join(root, "dist");
  const again = () => build({ input: join(root, "content"), output, cacheDir: join(root, ".cache") });
  await again();
  // A word removed ("halting"), a new one added ("Quillmere"), and an article gone.
  const edited = join(root, "content", EDITED);
  const text = await readFile(edited, "utf8");
  await writeFile(
    edited,
    `${text.replace("halting all passenger trains", "stopping all passenger trains")}\nCoaches also run via Quillmere.\n`,
  );
  await rm(join(root, "content", DELETED));
  await again();
  const server = await serveSite(output);
  sharded = { url: server.url, close: () => server.close(), root };
});
afterAll(async () => {
  await browser?.close();
  await sharded?.close();
  if (sharded) await rm(sharded.root, { recursive: true, force: true });
});

/** A fresh search page and the problems it logs; on the sharded copy of the sample when `onSharded`. */
async function openSearch(query = "", onSharded = false): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const problems = watchProblems(page);
  await page.goto(onSharded ? `${sharded.url}/search/${query}` : siteUrl(`/search/${query}`));
  return { page, problems };
}

/** An entry of the index's manifest (src/search/shards.ts). */
interface ShardEntry {
  path: string;
  from: string;
  to: string;
  articles: number;
  superseded?: unknown[];
  overlay?: unknown[];
}

/** Clicks "More results" until every result is listed; gives each result's link and time. */
async function allResults(page: Page): Promise<{ href: string; time: string }[]> {
  const more = page.locator("#search-more");
  while (await more.isVisible()) {
    const count = await page.locator("#search-results > li").count();
    await more.click();
    await expect.poll(() => page.locator("#search-results > li").count()).toBeGreaterThan(count);
  }
  return page.locator("#search-results > li").evaluateAll((lis) =>
    lis.map((li) => ({
      href: li.querySelector("a")?.getAttribute("href") ?? "",
      time: li.querySelector("time")?.getAttribute("datetime") ?? "",
    })),
  );
}

/** Waits until the status line reports a search, then gives it and the results' headlines and links. */
async function results(page: Page, after?: string) {
  const status = page.locator("#search-status");
  await expect
    .poll(
      async () => {
        const text = (await status.textContent()) ?? "";
        return /results?\b|No results/.test(text) && text !== after;
      },
      { timeout: 15_000, message: "the status line to report a search" },
    )
    .toBe(true);
  const items = page.locator("#search-results > li");
  // The status line comes first; the batch of results follows at once, in one append.
  if (!/No results/.test((await status.textContent()) ?? "")) await items.first().waitFor();
  const links = await items.evaluateAll((lis) =>
    lis.map((li) => ({
      title: li.querySelector("a")?.textContent ?? "",
      href: li.querySelector("a")?.getAttribute("href") ?? "",
    })),
  );
  return { status: (await status.textContent()) ?? "", links };
}

describe("search", () => {
  it("finds the one article whose body mentions a meteorite, typed into the search box", async () => {
    const { page, problems } = await openSearch();
    // The index has loaded when the tag menu has more than its "All tags" option.
    await expect.poll(() => page.locator("#search-tag option").count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await page.locator("#search-q").fill("meteorite");
    const found = await results(page);
    expect(found.status).toBe("1 result for “meteorite”");
    expect(found.links).toEqual([
      {
        title: "Sky watchers report bright fireball over the Highlands",
        href: "/2026/11/17/fireball-over-the-highlands/",
      },
    ]);
    // The excerpt marks the word it matched.
    expect(await page.locator("#search-results mark").first().textContent()).toMatch(/meteorite/i);
    expect(problems).toEqual([]);
  });

  it("narrows the results of a query in the address to one tag, and keeps the tag in the address", async () => {
    const { page, problems } = await openSearch("?q=Arden");
    const all = await results(page);
    await page.locator("#search-tag").selectOption("Climate");
    const narrowed = await results(page, all.status);
    expect(narrowed.links.length, `${all.status}, then ${narrowed.status}`).toBeGreaterThan(0);
    expect(narrowed.links.length).toBeLessThan(all.links.length);
    // Every narrowed result was among the results before.
    for (const link of narrowed.links) expect(all.links).toContainEqual(link);
    expect(new URL(page.url()).searchParams.get("tag")).toBe("Climate");
    expect(problems).toEqual([]);
  });
});

describe("search over a sharded index under the edit overlay", () => {
  it("is cut in several shards, listed newest first, then the delta with the edited article", async () => {
    const response = await fetch(`${sharded.url}/pagefind/shards.json`);
    const entries = (await response.json()) as ShardEntry[];
    const shards = entries.filter((entry) => entry.overlay === undefined);
    // The delta holds the edited article; the shards' results it supersedes are the edited and the deleted one.
    expect(entries.at(-1)).toMatchObject({
      path: "delta/",
      articles: 1,
      overlay: [[expect.any(String), expect.any(String)]],
    });
    expect(shards.flatMap((shard) => shard.superseded ?? [])).toHaveLength(2);
    expect(shards.length).toBeGreaterThan(3);
    for (const shard of shards) expect(shard.articles).toBeLessThanOrEqual(SHARD_SIZE);
    for (let i = 1; i < shards.length; i++) expect((shards[i]?.to ?? "") <= (shards[i - 1]?.from ?? "")).toBe(true);
  });

  it("finds a word only the oldest article has, and a word of the newest article, newest first", async () => {
    const oldest = await openSearch("?q=rostering", true);
    const found = await results(oldest.page);
    expect(found.status).toBe("1 result for “rostering”");
    expect(found.links.map((l) => l.href)).toEqual(["/2026/11/17/valley-line-signallers-vote-to-strike/"]);
    expect(oldest.problems).toEqual([]);
    const newest = await openSearch("?q=Halloran&sort=newest", true);
    const all = await results(newest.page);
    expect(all.links[0]?.href).toBe("/2026/11/26/rail-union-ballot-revised-deal/");
    expect(all.links.map((l) => l.href)).toContain("/2026/11/17/valley-line-signallers-vote-to-strike/");
    expect(newest.problems).toEqual([]);
  });

  it("keeps newest first and oldest first across shards", async () => {
    const { page, problems } = await openSearch("?q=the&sort=newest", true);
    await results(page);
    const newest = await allResults(page);
    // More results than one shard holds: the list spans shards.
    expect(newest.length).toBeGreaterThan(2 * SHARD_SIZE);
    const times = newest.map((r) => Date.parse(r.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await page.locator("#search-sort").selectOption("oldest");
    await expect
      .poll(() => page.locator("#search-results > li a").first().getAttribute("href"))
      .toBe(newest.at(-1)?.href);
    const oldest = await allResults(page);
    expect(oldest.map((r) => r.href)).toEqual(newest.map((r) => r.href).reverse());
    expect(problems).toEqual([]);
  });

  it("narrows a search to one tag with the counts of every shard", async () => {
    const { page, problems } = await openSearch("?q=Valley", true);
    const all = await results(page);
    const everyone = await allResults(page);
    const option = await page.locator("#search-tag option[value='Rail']").textContent();
    await page.locator("#search-tag").selectOption("Rail");
    await results(page, all.status);
    const narrowed = await allResults(page);
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(everyone.length);
    for (const result of narrowed) expect(everyone).toContainEqual(result);
    // The menu's count adds up the shards: every Rail article, found with no words.
    const count = Number(/\((\d+)\)/.exec(option ?? "")?.[1]);
    await page.locator("#search-q").fill("");
    await page.locator("#search-q").press("Enter");
    await expect.poll(async () => (await page.locator("#search-status").textContent()) ?? "").toBe(`${count} results`);
    expect(count).toBeGreaterThan(SHARD_SIZE);
    expect(problems).toEqual([]);
  });

  it("finds the edited article by its new word and no longer by the word it lost", async () => {
    const added = await openSearch("?q=Quillmere", true);
    expect((await results(added.page)).links.map((l) => l.href)).toEqual(["/2026/11/20/valley-line-strike-begins/"]);
    expect(added.problems).toEqual([]);
    // The word was there before the edit, as the unedited sample shows.
    const original = await openSearch("?q=halting");
    expect((await results(original.page)).status).toBe("1 result for “halting”");
    for (const sort of ["", "&sort=newest"]) {
      const removed = await openSearch(`?q=halting${sort}`, true);
      expect((await results(removed.page)).status).toBe("No results for “halting”");
      expect(removed.problems).toEqual([]);
    }
  });

  it("no longer finds the deleted article, and finds the edited one once, in its place in time", async () => {
    // Its councillor's name finds it in the unedited sample, not in the edited copy, by best match or newest first.
    const gone = "/2026/11/26/ashcombe-by-election-housing-pledges/";
    const original = await openSearch("?q=Doherty");
    expect((await results(original.page)).links.map((l) => l.href)).toContain(gone);
    const deleted = await openSearch("?q=Doherty", true);
    expect((await results(deleted.page)).links.map((l) => l.href)).not.toContain(gone);
    const deletedSorted = await openSearch("?q=Doherty&sort=newest", true);
    expect((await results(deletedSorted.page)).links.map((l) => l.href)).not.toContain(gone);
    const { page, problems } = await openSearch("?q=signallers&sort=newest", true);
    await results(page);
    const found = await allResults(page);
    const hrefs = found.map((r) => r.href);
    expect(hrefs.filter((href) => href === "/2026/11/20/valley-line-strike-begins/")).toHaveLength(1);
    const times = found.map((r) => Date.parse(r.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Best matches list it once too.
    const relevance = await openSearch("?q=signallers", true);
    await results(relevance.page);
    expect((await allResults(relevance.page)).map((r) => r.href).sort()).toEqual([...hrefs].sort());
    expect([...problems, ...deleted.problems, ...deletedSorted.problems, ...relevance.problems]).toEqual([]);
  });
});
