// Tags and headlines in every script, in Chromium: a small site of its own whose articles carry 東京,
// Москва and القاهرة; every tag page loads, its links resolve, and Arabic is laid out right to left.
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../.eleventy.ts";
import { articleFile, fixtureSettings, makeSite } from "../helpers/fixture.ts";
import { serveSite } from "../helpers/static-server.ts";
import { launchChromium, watchProblems } from "./chromium.ts";

const SCREENSHOTS = fileURLToPath(new URL("../../test-results/screenshots/", import.meta.url));
const ARABIC_TITLE = "القاهرة تفتتح خط المترو الجديد";

const articles = {
  "tokyo.md": articleFile({
    title: "Tokyo opens a harbour park",
    date: "2025-08-15T09:00:00Z",
    tags: ["東京", "Parks"],
  }),
  "moscow.md": articleFile({
    title: "Москва: новый мост открыт",
    date: "2025-08-15T10:00:00Z",
    source: "Речной вестник",
    tags: ["Москва", "東京"],
  }),
  "cairo.md": articleFile({
    title: ARABIC_TITLE,
    date: "2025-08-15T11:00:00Z",
    summary: "يربط الخط الجديد وسط المدينة بالمطار.",
    source: "الأهرام المسائي",
    tags: ["القاهرة", "Москва"],
  }),
};

let site: Awaited<ReturnType<typeof makeSite>>;
let server: Awaited<ReturnType<typeof serveSite>>;
let browser: Browser;
let page: Page;
let problems: string[];
beforeAll(async () => {
  register();
  site = await makeSite(articles, { ...fixtureSettings, search: false });
  await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
  server = await serveSite(site.output);
  browser = await launchChromium();
  page = await browser.newPage();
  problems = watchProblems(page);
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

describe("tags in every script", () => {
  it("every tag page loads, and every link on it resolves", async () => {
    await page.goto(`${server.url}/tags/`);
    const tagPages = await page.$$eval('main a[href^="/tags/"]', (links) => links.map((a) => a.getAttribute("href")!));
    // The three scripts, each with a page (Cyrillic transliterated, CJK and Arabic kept, percent-encoded on the wire).
    expect(tagPages.map((href) => decodeURI(href)).sort()).toEqual(
      ["/tags/moskva/", "/tags/parks/", "/tags/القاهرة/", "/tags/東京/"].sort(),
    );
    for (const href of tagPages) {
      problems.length = 0;
      const response = await page.goto(new URL(href, server.url).href);
      expect(response?.status(), href).toBe(200);
      expect(await page.locator("h1").first().textContent()).toBeTruthy();
      const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const link of new Set(links.filter((l) => l.startsWith(server.url)))) {
        const status = (await page.request.get(link)).status();
        expect(status, `${link} on ${href}`).toBe(200);
      }
      expect(problems, href).toEqual([]);
    }
  });

  it("lays the Arabic headline, summary and tag out right to left, the others left to right", async () => {
    await page.goto(`${server.url}/${encodeURI("tags/القاهرة/")}`);
    const direction = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).direction);
    expect(await page.locator("article.teaser h3").first().textContent()).toContain(ARABIC_TITLE);
    expect(await direction("article.teaser h3")).toBe("rtl");
    expect(await direction("article.teaser p.summary")).toBe("rtl");
    await page.setViewportSize({ width: 800, height: 900 });
    const shot = join(SCREENSHOTS, "scripts-cairo-tag.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(1000);

    await page.goto(`${server.url}/2025/08/15/cairo/`);
    expect(await direction("h1")).toBe("rtl");
    expect(await direction("p.standfirst")).toBe("rtl");
    expect(await direction('a[rel="tag"]')).toBe("rtl");
    await page.screenshot({ path: join(SCREENSHOTS, "scripts-cairo-article.png"), fullPage: true });

    await page.goto(`${server.url}/2025/08/15/tokyo/`);
    expect(await direction("h1")).toBe("ltr");
  });
});
