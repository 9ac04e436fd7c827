// Every kind of page in a real browser: clean loading, small screens, dark scheme, keyboard use.
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { pageKinds, viewports } from "./pages.ts";
import { pageFor } from "./visit.ts";

const SCREENSHOTS = fileURLToPath(new URL("../../test-results/screenshots/", import.meta.url));

/** Loads every image, lazy ones included, and names those that did not decode. */
function loadAllImages(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const images = [...document.images];
    for (const img of images) img.loading = "eager";
    await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
    return images
      .filter((img) => img.naturalWidth === 0)
      .map((img) => `image did not load: ${img.currentSrc || img.src}`);
  });
}

/** Relative luminance of a computed CSS colour such as `rgb(18, 20, 23)`. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe.for(pageKinds)("the $name page", (kind) => {
  const { visit, page: current, problems } = pageFor(kind);

  it("loads with no console error, uncaught exception or failed request, at phone and desktop width", async () => {
    for (const [width, viewport] of Object.entries(viewports)) {
      const status = await visit(viewport);
      const page = current();
      const broken = await loadAllImages(page);
      await page.screenshot({ path: `${SCREENSHOTS}${kind.name}-${width}.png`, fullPage: true });
      expect(status).toBe(kind.status ?? 200);
      expect(await page.locator("main h1").count(), "h1 elements in main").toBe(1);
      expect([...problems(), ...broken]).toEqual([]);
    }
  });

  it("fits a 375 px wide screen without scrolling sideways", async () => {
    await visit(viewports.phone);
    const overflow = await current().evaluate(() => {
      const width = document.documentElement.clientWidth;
      // Content that scrolls inside its own box (a wide code block) does not move the page.
      const clipped = (el: Element) => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
          if (getComputedStyle(up).overflowX !== "visible") return true;
        return false;
      };
      const wide = [...document.body.querySelectorAll("*")]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
        .map(
          (el) =>
            `<${el.localName}${el.className ? ` class="${String(el.className)}"` : ""}> ends at ${Math.round(el.getBoundingClientRect().right)} px`,
        );
      return { width, scrollWidth: document.documentElement.scrollWidth, wide };
    });
    expect(overflow.wide, "elements wider than the screen").toEqual([]);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.width);
  });

  it("follows prefers-color-scheme: dark", async () => {
    await visit(viewports.phone);
    const page = current();
    const colours = () =>
      page.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
      }));
    const light = await colours();
    // The scheme switches on the loaded page, as when a phone turns dark at dusk.
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await colours();
    await page.screenshot({ path: `${SCREENSHOTS}${kind.name}-phone-dark.png`, fullPage: true });
    expect(luminance(light.background), `light background ${light.background}`).toBeGreaterThan(0.8);
    expect(luminance(dark.background), `dark background ${dark.background}`).toBeLessThan(0.05);
    expect(luminance(dark.text), `dark scheme's text ${dark.text}`).toBeGreaterThan(0.6);
  });

  it("takes a keyboard user to the main content through the skip link", async () => {
    await visit();
    const page = current();
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      return {
        text: el.textContent,
        href: el.getAttribute("href"),
        onScreen: box.top >= 0 && box.left >= 0 && box.height > 0 && box.bottom <= innerHeight,
      };
    });
    expect(skip).toEqual({ text: "Skip to main content", href: "#main", onScreen: true });
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main");
  });

  it("reaches every link with Tab and shows where the focus is", async () => {
    await visit();
    const page = current();
    // Each element's look at rest, then a record of every element Tab focuses and whether it looks different.
    const count = await page.evaluate(() => {
      const look = (el: Element) => {
        const s = getComputedStyle(el);
        const outline =
          s.outlineStyle !== "none" &&
          parseFloat(s.outlineWidth) > 0 &&
          !/rgba\(.*,\s*0\)|transparent/.test(s.outlineColor);
        return {
          outline,
          shadow: s.boxShadow,
          underline: `${s.textDecorationLine} ${s.textDecorationThickness}`,
          background: s.backgroundColor,
        };
      };
      // Elements not rendered (the search page's hidden "More results" button) cannot take focus.
      const focusable = [
        ...document.querySelectorAll<HTMLElement>(
          "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])",
        ),
      ].filter((el) => el.checkVisibility());
      const rest = new Map<Element, ReturnType<typeof look>>(focusable.map((el) => [el, look(el)]));
      const seen = new Map<Element, boolean>();
      document.addEventListener("focusin", (event) => {
        const el = event.target as Element;
        const before = rest.get(el);
        const now = look(el);
        const visible =
          now.outline ||
          (before !== undefined &&
            (now.shadow !== before.shadow ||
              now.underline !== before.underline ||
              now.background !== before.background));
        seen.set(el, visible && el.matches(":focus-visible"));
      });
      (window as unknown as { focusReport: () => string[] }).focusReport = () =>
        focusable.flatMap((el) => {
          const name = `<${el.localName} href="${el.getAttribute("href") ?? ""}"> "${el.textContent?.trim() ?? ""}"`;
          if (!seen.has(el)) return [`never focused by Tab: ${name}`];
          return seen.get(el) ? [] : [`focused with no visible change: ${name}`];
        });
      return focusable.length;
    });
    expect(count).toBeGreaterThan(3);
    for (let i = 0; i < count; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (window as unknown as { focusReport: () => string[] }).focusReport())).toEqual([]);
  });
});
