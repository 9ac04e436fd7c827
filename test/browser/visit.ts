// Test-file scaffolding: one Chromium per file, one page per kind of page, visited afresh by each test.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium, watchProblems } from "./chromium.ts";
import { type PageKind, viewports } from "./pages.ts";
import { siteUrl } from "./served.ts";

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** A viewport size in CSS pixels. */
export type Viewport = { width: number; height: number };

/** Call inside a describe: one page for `kind`; `problems()` holds what went wrong since the last visit. */
export function pageFor(kind: PageKind) {
  let context: BrowserContext | undefined;
  let page: Page;
  let problems: string[] = [];
  beforeAll(async () => {
    if (!browser) throw new Error("Chromium did not start");
    context = await browser.newContext();
    page = await context.newPage();
    problems = watchProblems(page, kind.status);
  });
  afterAll(async () => context?.close());
  return {
    /** Loads the page afresh at a viewport and colour scheme; returns its HTTP status. */
    visit: async (viewport: Viewport = viewports.desktop, colorScheme: "light" | "dark" = "light") => {
      // Leave the last page first: a resize would have it fetch other image sizes, aborted by the next load.
      await page.goto("about:blank");
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      problems.length = 0;
      const status = (await page.goto(siteUrl(kind.path)))?.status();
      if (kind.ready) await page.locator(kind.ready).first().waitFor();
      return status;
    },
    page: () => page,
    problems: () => problems,
  };
}
