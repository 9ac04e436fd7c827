// Integration: fixture sites built through Eleventy's programmatic API into temporary folders.
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/production.ts";
import { ContentError } from "../../src/content/errors.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

const articles = {
  "2025/08/summit.md": articleFile({
    title: "Leaders meet at the lake summit",
    date: "2025-08-15T09:00:00Z",
    source: "The Lakeside Times",
    sourceUrl: "https://lakeside.example/summit",
    author: "Ines Okafor",
    tags: ["Diplomacy", "Lakeside", "Climate"],
  }),
  "2025/08/summit-day-two.md": articleFile({
    title: "Summit ends with a joint statement",
    date: "2025-08-16T18:00:00+02:00",
    source: "The Lakeside Times",
    sourceUrl: "https://lakeside.example/summit-2",
    tags: ["diplomacy", "Lakeside"],
  }),
  "2025/08/storm.md": articleFile({
    title: "Storm closes the coast road",
    date: "2025-08-16T23:30:00Z",
    source: "Coast FM",
    tags: ["Weather", "Climate"],
  }),
  "2025/08/market.md": articleFile({ title: "Market opens on Sunday", date: "2025-08-17", tags: ["Town"] }),
  "2025/08/quiet.md": articleFile({ title: "A quiet day in the square", date: "2025-08-17T12:00:00Z", tags: [] }),
};

let site: Awaited<ReturnType<typeof makeSite>>;
beforeAll(async () => {
  site = await makeSite(articles, { ...fixtureSettings, timeZone: "Europe/Kyiv", pageSize: 3, relatedCount: 2 });
  await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
});
afterAll(async () => site.remove());

describe("pages", () => {
  it("writes every page type at its URL", async () => {
    const tree = await readTree(site.output);
    expect([...tree.keys()].filter((p) => p.endsWith(".html"))).toEqual([
      "2025/08/15/index.html",
      "2025/08/15/summit/index.html",
      "2025/08/16/index.html",
      "2025/08/16/summit-day-two/index.html",
      "2025/08/17/index.html",
      "2025/08/17/market/index.html",
      "2025/08/17/quiet/index.html",
      "2025/08/17/storm/index.html",
      "404.html",
      "index.html",
      "page/2/index.html",
      "search/index.html",
      "sources/coast-fm/index.html",
      "sources/index.html",
      "sources/the-lakeside-times/index.html",
      "tags/climate/index.html",
      "tags/diplomacy/index.html",
      "tags/index.html",
      "tags/lakeside/index.html",
      "tags/town/index.html",
      "tags/weather/index.html",
    ]);
  });

  it("puts an article at 23:30 UTC on the next day in Europe/Kyiv", async () => {
    const day = await site.page("/2025/08/17/");
    expect(day).toContain('href="/2025/08/17/storm/"');
    expect(day).toMatch(/<h1>.*Sunday 17 August 2025<\/h1>/);
    expect(day).toContain('<a class="older" rel="prev" href="/2025/08/16/">Saturday 16 August 2025 →</a>');
    expect(day).not.toContain('rel="next"');
  });

  it("groups the home page by day, newest first, paginated", async () => {
    const home = await site.page("/");
    const headings = [...home.matchAll(/<h2 id="day-[^"]+"><a href="[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(["Sunday 17 August 2025"]);
    expect(home).toContain('<a class="older" rel="next" href="/page/2/">');
    const second = await site.page("/page/2/");
    expect([...second.matchAll(/<h2 id="day-[^"]+"><a href="[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1])).toEqual([
      "Saturday 16 August 2025",
      "Friday 15 August 2025",
    ]);
  });

  it("shows related articles with shared tags, and no empty section", async () => {
    const summit = await site.page("/2025/08/15/summit/");
    const related = summit.slice(summit.indexOf('id="related-heading"'));
    expect([...related.matchAll(/<h3 dir="auto"><a href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "/2025/08/16/summit-day-two/",
      "/2025/08/17/storm/",
    ]);
    expect(related).toContain(
      '<p class="visually-hidden">Shared tags:</p><ul class="tags"><li><a href="/tags/diplomacy/" rel="tag" dir="auto">Diplomacy</a></li><li><a href="/tags/lakeside/" rel="tag" dir="auto">Lakeside</a></li></ul>',
    );
    expect(await site.page("/2025/08/17/quiet/")).not.toContain("Related articles");
  });

  it("links the source to the original with external link attributes", async () => {
    const summit = await site.page("/2025/08/15/summit/");
    expect(summit).toContain(
      '<a class="source" href="https://lakeside.example/summit" rel="external noopener noreferrer">The Lakeside Times</a>',
    );
    expect(summit).toContain('<time datetime="2025-08-15T09:00:00Z" data-relative>15 August 2025 at 12:00 EEST</time>');
  });

  it("lists tags by count then name, merging spellings", async () => {
    const tags = await site.page("/tags/");
    expect(
      [...tags.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a> <span class="count">([^<]+)</g)].map(
        (m) => `${m[2]} ${m[3]}`,
      ),
    ).toEqual([
      "Climate 2 articles",
      "Diplomacy 2 articles",
      "Lakeside 2 articles",
      "Town 1 article",
      "Weather 1 article",
    ]);
  });
});

describe("safety and output", () => {
  it("never lets a script-bearing field run as script", async () => {
    const evil = await makeSite({
      "x.md": articleFile(
        {
          title: '<script>alert("t")</script>',
          date: "2025-08-15T09:00:00Z",
          source: "<img src=x onerror=alert(1)>",
          summary: "\"><script>alert('s')</script>",
          tags: ["<b>bold</b>"],
          author: "<svg onload=alert(2)>",
        },
        "Body <script>alert('b')</script> [link](javascript:alert(3))",
      ),
    });
    await build({ input: evil.content, output: evil.output, cacheDir: join(evil.root, ".cache") });
    const tree = await readTree(evil.output);
    for (const [path, bytes] of tree) {
      if (!path.endsWith(".html")) continue;
      const text = bytes.toString("utf8");
      expect(text, path).not.toMatch(/<script>alert|<img src=x|<svg onload|<b>bold|href="javascript:/i);
    }
    expect(await evil.page("/2025/08/15/x/")).toContain("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;");
    await evil.remove();
  });

  it("produces byte-identical output from two builds", async () => {
    const again = join(site.root, "again");
    await build({ input: site.content, output: again, cacheDir: join(site.root, ".cache-again") });
    const [a, b] = await Promise.all([readTree(site.output), readTree(again)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true);
  });

  it("leaves the previous output exactly as it was when a build fails", async () => {
    const before = await readTree(site.output);
    const stamp = (await stat(join(site.output, "index.html"))).mtimeMs;
    await writeFile(join(site.content, "articles", "bad.md"), articleFile({ title: "", date: "yesterday" }));
    await expect(
      build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") }),
    ).rejects.toBeInstanceOf(ContentError);
    const after = await readTree(site.output);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), path).toBe(true);
    expect((await stat(join(site.output, "index.html"))).mtimeMs).toBe(stamp);
    expect(await readFile(join(site.output, "index.html"), "utf8")).toContain("Fixture Digest");
  });
});

describe("layering", () => {
  it("lets only src/build/ of src/ import Eleventy or the layouts", async () => {
    const root = fileURLToPath(new URL("../../src/", import.meta.url));
    const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith(".ts"));
    const knowing = [];
    for (const file of files) {
      const text = await readFile(join(root, file), "utf8");
      if (/from "@11ty\/|import\("@11ty\/|"@11ty\/eleventy"|\/layouts\//.test(text)) knowing.push(file);
    }
    expect(knowing.length).toBeGreaterThan(0);
    expect(knowing.filter((file) => !file.startsWith("build/"))).toEqual([]);
  });
});
