import { describe, expect, it } from "vitest";
import {
  articleUrl,
  dayUrl,
  homeUrl,
  outputPathFor,
  pageUrl,
  sourcesUrl,
  sourceUrl,
  tagsUrl,
  tagUrl,
} from "../../src/digest/urls.ts";

describe("fixed URLs", () => {
  it.each([
    { name: "home", url: homeUrl, want: "/" },
    { name: "tags index", url: tagsUrl, want: "/tags/" },
    { name: "sources index", url: sourcesUrl, want: "/sources/" },
  ])("$name is $want", ({ url, want }) => {
    expect(url).toBe(want);
  });
});

describe("dayUrl", () => {
  it.each([
    { day: "2025-08-15", want: "/2025/08/15/" },
    { day: "2024-02-29", want: "/2024/02/29/" },
    { day: "2026-01-01", want: "/2026/01/01/" },
  ])("$day -> $want", ({ day, want }) => {
    expect(dayUrl(day)).toBe(want);
  });
});

describe("articleUrl", () => {
  it.each([
    { day: "2025-08-15", slug: "summit", want: "/2025/08/15/summit/" },
    { day: "2025-08-16", slug: "harbour-bridge-reopens", want: "/2025/08/16/harbour-bridge-reopens/" },
    { day: "2025-12-31", slug: "a1", want: "/2025/12/31/a1/" },
  ])("$day + $slug -> $want", ({ day, slug, want }) => {
    expect(articleUrl(day, slug)).toBe(want);
  });

  it("lives under its day's URL", () => {
    expect(articleUrl("2025-08-15", "x").startsWith(dayUrl("2025-08-15"))).toBe(true);
  });
});

describe("pageUrl", () => {
  it.each([
    { base: "/", n: 1, want: "/" },
    { base: "/", n: 2, want: "/page/2/" },
    { base: "/", n: 10, want: "/page/10/" },
    { base: "/tags/ukraine/", n: 1, want: "/tags/ukraine/" },
    { base: "/tags/ukraine/", n: 3, want: "/tags/ukraine/page/3/" },
    { base: "/sources/bbc/", n: 2, want: "/sources/bbc/page/2/" },
    // Below 1 falls back to the first page rather than inventing /page/0/.
    { base: "/", n: 0, want: "/" },
    { base: "/", n: -1, want: "/" },
  ])("page $n of $base -> $want", ({ base, n, want }) => {
    expect(pageUrl(base, n)).toBe(want);
  });
});

describe("tagUrl and sourceUrl", () => {
  it.each([
    { fn: tagUrl, slug: "ukraine", want: "/tags/ukraine/" },
    { fn: tagUrl, slug: "donald-trump", want: "/tags/donald-trump/" },
    { fn: sourceUrl, slug: "bbc", want: "/sources/bbc/" },
    { fn: sourceUrl, slug: "the-kyiv-independent", want: "/sources/the-kyiv-independent/" },
  ])("$slug -> $want", ({ fn, slug, want }) => {
    expect(fn(slug)).toBe(want);
  });
});

describe("outputPathFor", () => {
  it.each([
    { url: "/", want: "index.html" },
    { url: "/tags/", want: "tags/index.html" },
    { url: "/2025/08/15/summit/", want: "2025/08/15/summit/index.html" },
    { url: "/page/2/", want: "page/2/index.html" },
    { url: "/feed.xml", want: "feed.xml" },
    { url: "/404.html", want: "404.html" },
    { url: "/assets/site.css", want: "assets/site.css" },
  ])("$url -> $want", ({ url, want }) => {
    expect(outputPathFor(url)).toBe(want);
  });
});

describe("every built URL ends in /", () => {
  it.each([
    articleUrl("2025-08-15", "summit"),
    dayUrl("2025-08-15"),
    pageUrl("/", 2),
    pageUrl("/tags/x/", 1),
    tagUrl("x"),
    sourceUrl("y"),
  ])("%s", (url) => {
    expect(url).toMatch(/^\/(?:[^/]+\/)*$/);
  });
});
