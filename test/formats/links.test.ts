import { describe, expect, it } from "vitest";
import { isRootRelative, mapLinks } from "../../src/formats/links.ts";

const mark = (url: string) => `[${url}]`;

describe("mapLinks", () => {
  it.each([
    { html: `<a href="/a/">a</a>`, want: `<a href="[/a/]">a</a>` },
    { html: `<a href='x?a=1&amp;b=2'>`, want: `<a href='[x?a=1&amp;b=2]'>` },
    {
      html: `<img src="/m.jpg" alt="/not"><form action="/s/">`,
      want: `<img src="[/m.jpg]" alt="/not"><form action="[/s/]">`,
    },
    { html: `<A HREF="/a/">`, want: `<A HREF="[/a/]">` },
    { html: `<a href="">`, want: `<a href="[]">` },
    {
      html: `<img srcset="/a.jpg 1x,//cdn.example/b.jpg 2x"><source srcset="/c-480.avif 480w, /c-800.avif 800w">`,
      want: `<img srcset="[/a.jpg] 1x,[//cdn.example/b.jpg] 2x"><source srcset="[/c-480.avif] 480w, [/c-800.avif] 800w">`,
    },
    { html: `<a data-src="/x" data-href="/y">`, want: `<a data-src="/x" data-href="/y">` },
    {
      html: `<p>href="/in text"</p><code>src=&quot;/x&quot;</code>`,
      want: `<p>href="/in text"</p><code>src=&quot;/x&quot;</code>`,
    },
    { html: "", want: "" },
  ])("$html", ({ html, want }) => {
    expect(mapLinks(html, mark)).toBe(want);
  });
});

describe("isRootRelative", () => {
  it.each([
    ["/tags/", true],
    ["/", true],
    ["//cdn.example/x", false],
    ["https://e.example/", false],
    ["#top", false],
    ["other/", false],
    ["", false],
  ])("%s: %s", (url, want) => expect(isRootRelative(url)).toBe(want));
});
