// layouts/assets/relative-time.js in a real browser, under a controlled clock, and the page without it.
import { readFile } from "node:fs/promises";
import { DateTime } from "luxon";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime } from "../../src/content/dates.ts";
import { launchChromium, watchProblems } from "./chromium.ts";
import { pageKinds } from "./pages.ts";
import { siteUrl } from "./served.ts";

const article = pageKinds.find((k) => k.name === "article")!;
const PUBLISHED = ".story-header time";
const MINUTE = 60_000;

let browser: Browser;
let settings: { timeZone: string; locale: string };
beforeAll(async () => {
  browser = await launchChromium();
  settings = JSON.parse(
    await readFile(new URL("../../content/_data/site.json", import.meta.url), "utf8"),
  ) as typeof settings;
});
afterAll(async () => browser?.close());

/** The article's publication `<time>`, in a fresh context; its problems are collected. */
async function openArticle(javaScriptEnabled: boolean, clockAt?: (published: number) => number) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const problems = watchProblems(page);
  if (clockAt) {
    // The time is read from the page without script first, then the clock is set relative to it.
    const probe = await browser.newContext({ javaScriptEnabled: false });
    const probePage = await probe.newPage();
    await probePage.goto(siteUrl(article.path));
    const datetime = await probePage.locator(PUBLISHED).getAttribute("datetime");
    await probe.close();
    await page.clock.install({ time: clockAt(Date.parse(datetime ?? "")) });
  }
  await page.goto(siteUrl(article.path));
  return { page, time: page.locator(PUBLISHED), problems, close: () => context.close() };
}

describe("relative times in the browser", () => {
  it("reads '5 minutes ago' five minutes after publication, and moves on with the clock", async () => {
    const { page, time, problems, close } = await openArticle(true, (published) => published + 5 * MINUTE);
    try {
      await expect.poll(() => time.textContent(), { timeout: 5000 }).toBe("5 minutes ago");
      const datetime = (await time.getAttribute("datetime")) ?? "";
      // The exact time stays available on hover.
      expect(await time.getAttribute("title")).toBe(
        formatDateTime(DateTime.fromISO(datetime), settings.timeZone, settings.locale),
      );
      await page.clock.runFor(MINUTE);
      await expect.poll(() => time.textContent(), { timeout: 5000 }).toBe("6 minutes ago");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows the exact time in the site's zone and locale without JavaScript", async () => {
    const { time, problems, close } = await openArticle(false);
    try {
      const datetime = (await time.getAttribute("datetime")) ?? "";
      expect(datetime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await time.textContent()).toBe(
        formatDateTime(DateTime.fromISO(datetime), settings.timeZone, settings.locale),
      );
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
