import { statSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { relativeLabel } from "../../layouts/assets/relative-time.js";

const SCRIPT = new URL("../../layouts/assets/relative-time.js", import.meta.url);
const S = 1000,
  M = 60 * S,
  H = 60 * M,
  D = 24 * H;
const NOW = Date.UTC(2026, 10, 24, 8, 9, 0);

describe("relativeLabel", () => {
  // ago: how far in the past (negative = in the future)
  it.each([
    { ago: 0, locale: "en", want: "now" },
    { ago: 30 * S, locale: "en", want: "now" },
    { ago: 1 * M, locale: "en", want: "1 minute ago" },
    { ago: 5 * M, locale: "en", want: "5 minutes ago" },
    { ago: 5 * M + 30 * S, locale: "en", want: "5 minutes ago" },
    { ago: 5 * M + 59 * S, locale: "en", want: "5 minutes ago" },
    { ago: 59 * M, locale: "en", want: "59 minutes ago" },
    { ago: 1 * H, locale: "en", want: "1 hour ago" },
    { ago: 23 * H, locale: "en", want: "23 hours ago" },
    { ago: 24 * H, locale: "en", want: "yesterday" },
    { ago: 3 * D, locale: "en", want: "3 days ago" },
    { ago: 8 * D, locale: "en", want: null },
    { ago: -30 * S, locale: "en", want: "now" },
    { ago: -2 * M, locale: "en", want: null },
    { ago: 5 * M, locale: "de", want: "vor 5 Minuten" },
  ])("$ago ms ago in $locale -> $want", ({ ago, locale, want }) => {
    expect(relativeLabel(NOW - ago, NOW, locale)).toBe(want);
  });

  it("returns null for an unparseable datetime", () => {
    expect(relativeLabel(Number.NaN, NOW, "en")).toBeNull();
  });
});

describe("browser behaviour", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("labels time[data-relative], keeps the exact text in title, refreshes every minute", async () => {
    vi.useFakeTimers({ now: NOW });
    const exact = "Monday 24 November 2026, 07:45";
    const attrs = new Map([
      ["datetime", "2026-11-24T07:45:00Z"],
      ["data-relative", ""],
    ]);
    const el = {
      textContent: exact,
      getAttribute: (n: string) => attrs.get(n) ?? null,
      hasAttribute: (n: string) => attrs.has(n),
      setAttribute: (n: string, v: string) => void attrs.set(n, v),
    };
    vi.stubGlobal("document", { documentElement: { lang: "en" }, querySelectorAll: () => [el] });
    await import(`${SCRIPT.href}?dom`); // fresh module instance, with `document` present

    expect(el.textContent).toBe("24 minutes ago");
    expect(attrs.get("title")).toBe(exact);
    vi.advanceTimersByTime(60 * M);
    expect(el.textContent).toBe("1 hour ago");
    vi.advanceTimersByTime(7 * D);
    expect(el.textContent).toBe(exact);
    expect(attrs.get("title")).toBe(exact);
  });
});

it("ships under 2048 bytes", () => {
  expect(statSync(SCRIPT).size).toBeLessThan(2048);
});
