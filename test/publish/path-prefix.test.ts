// Serving from a sub-folder: every link, asset and absolute URL lives under the path prefix.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { register } from "tsx/esm/api";
import { describe, expect, it } from "vitest";
import { build } from "../../.eleventy.ts";
import { prefixLinks } from "../../src/publish/path-prefix.ts";
import { completeSettings, settingsSchema } from "../../src/content/settings.ts";
import { articleFile, fixtureSettings, makeSite } from "../helpers/fixture.ts";

register();

describe("prefixLinks", () => {
  it.each([
    ['<a href="/tags/">', "/news/", '<a href="/news/tags/">'],
    ['<img src="/media/a.jpg" alt="">', "/news/", '<img src="/media/a.jpg" alt="">'.replace('src="/', 'src="/news/')],
    ['<a href="https://x.example/">', "/news/", '<a href="https://x.example/">'],
    ['<a href="//cdn.example/x">', "/news/", '<a href="//cdn.example/x">'],
    ['<a href="#main">', "/news/", '<a href="#main">'],
    ['<a href="/tags/">', "/", '<a href="/tags/">'],
    ["<p>/tags/ in text stays</p>", "/news/", "<p>/tags/ in text stays</p>"],
    // Regression: srcset candidates were left at the site root, so browsers fetched missing files.
    [
      '<source srcset="/media/a-480.avif 480w, /media/a-800.avif 800w">',
      "/news/",
      '<source srcset="/news/media/a-480.avif 480w, /news/media/a-800.avif 800w">',
    ],
    [
      '<img srcset="/media/a.jpg 1x,//cdn.example/b.jpg 2x">',
      "/news/",
      '<img srcset="/news/media/a.jpg 1x,//cdn.example/b.jpg 2x">',
    ],
  ])("%s under %s", (html, prefix, expected) => expect(prefixLinks(html, prefix)).toBe(expected));
});

describe("completeSettings", () => {
  it.each([
    [{ url: "https://user.example.io" }, "/", "https://user.example.io"],
    [{ url: "https://user.example.io/repo/" }, "/repo/", "https://user.example.io/repo"],
    [{ url: "https://user.example.io", pathPrefix: "/repo/" }, "/repo/", "https://user.example.io/repo"],
  ])("%j gives prefix %s and base %s", (given, prefix, url) => {
    const settings = completeSettings(settingsSchema.parse({ ...fixtureSettings, ...given }));
    expect([settings.pathPrefix, settings.url]).toEqual([prefix, url]);
  });

  it("rejects a prefix that is not a folder path", () => {
    expect(settingsSchema.safeParse({ ...fixtureSettings, pathPrefix: "repo" }).success).toBe(false);
  });
});

describe("a build under a path prefix", () => {
  it("points every internal href, src and srcset candidate of every page, images too, at a file in the output", async () => {
    const site = await makeSite(
      {
        "a.md": articleFile(
          {
            title: "A",
            date: "2025-08-15T09:00:00Z",
            tags: ["One", "Two"],
            source: "Coast FM",
            summary: "S.",
            image: "./a.png",
            imageAlt: "Lead",
          },
          "See [the tags](/tags/).\n\n![In the body](./a.png)",
        ),
        "a.png": await sharp({ create: { width: 90, height: 60, channels: 3, background: "#369" } })
          .png()
          .toBuffer(),
        "b.md": articleFile({ title: "B", date: "2025-08-16T09:00:00Z", tags: ["One"] }),
        "c.md": articleFile({ title: "C", date: "2025-08-17T09:00:00Z", tags: ["Two"] }),
        "d.md": articleFile({ title: "D", date: "2025-08-18T09:00:00Z", tags: ["One"] }),
      },
      { ...fixtureSettings, url: "https://user.example.io", pathPrefix: "/broadsheet/", images: { widths: [40, 80] } },
    );
    await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
    const pages = (await readdir(site.output, { recursive: true })).filter((f) => f.endsWith(".html"));
    let checked = 0;
    for (const page of pages) {
      const html = await readFile(join(site.output, page), "utf8");
      const srcsets = [...html.matchAll(/\ssrcset="([^"]*)"/g)].flatMap(([, list]) =>
        list!.split(", ").map((c) => ` src="${c.split(" ")[0]}"`),
      );
      for (const [, url] of `${html}${srcsets.join("")}`.matchAll(/\s(?:href|src)="(\/[^"#]*)/g)) {
        expect(url!.startsWith("/broadsheet/"), `${page}: ${url}`).toBe(true);
        const path = url!.slice("/broadsheet/".length);
        expect(
          existsSync(join(site.output, path.endsWith("/") || path === "" ? `${path}index.html` : path)),
          `${page}: ${url}`,
        ).toBe(true);
        checked++;
      }
      expect(html).not.toMatch(/https:\/\/user\.example\.io\/(?!broadsheet\b)/);
    }
    expect(checked).toBeGreaterThan(50);
    expect(await readFile(join(site.output, "index.html"), "utf8")).toContain(
      '<link rel="canonical" href="https://user.example.io/broadsheet/">',
    );
    expect(await readFile(join(site.output, "_headers"), "utf8")).toContain("/broadsheet/assets/*\n");
    expect(await readFile(join(site.output, "2025/08/15/a/index.html"), "utf8")).toMatch(
      /<source type="image\/avif" srcset="\/broadsheet\/media\/a-[0-9a-f]{10}-40\.avif 40w, \/broadsheet\/media\//,
    );
    await site.remove();
  }, 60_000);
});
