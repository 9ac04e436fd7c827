// The search page in a real browser: Pagefind's index, loaded under the site's CSP, finds an article
// by a word of its body, and the tag filter narrows the results.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, watchProblems } from "./chromium.ts";
import { siteUrl } from "./served.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** A fresh search page and the problems it logs. */
async function openSearch(query = ""): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const problems = watchProblems(page);
  await page.goto(siteUrl(`/search/${query}`));
  return { page, problems };
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
