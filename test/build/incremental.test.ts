// Integration: a second production build renders and writes only what changed, and its output is
// the output a clean build of the same content gives.
import { readFile, rm, unlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { build } from "../../src/build/production.ts";
import { foundDocs } from "../helpers/search-index.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

const BODY = "A first paragraph of the story.\n\nA second paragraph.";
const front = {
  summit: {
    title: "Leaders meet at the lake summit",
    date: "2025-08-15T09:00:00Z",
    source: "The Lakeside Times",
    tags: ["Diplomacy", "Lakeside"],
  },
  dayTwo: {
    title: "Summit ends with a joint statement",
    date: "2025-08-16T16:00:00Z",
    source: "The Lakeside Times",
    tags: ["Diplomacy"],
  },
  storm: {
    title: "Storm closes the coast road",
    date: "2025-08-16T23:30:00Z",
    source: "Coast FM",
    tags: ["Weather", "Climate"],
    summary: "The coast road is shut.",
  },
  market: { title: "Market opens on Sunday", date: "2025-08-17T08:00:00Z", tags: ["Town"] },
};
const files = {
  "summit.md": articleFile(front.summit),
  "day-two.md": articleFile(front.dayTwo, "Day two's report."),
  "storm.md": articleFile(front.storm),
  "market.md": articleFile(front.market, "The market's report."),
};
// summit and storm share a body: it is converted once.
// Newest first, three a page: / holds market, storm and day-two; /page/2/ holds summit.

type Site = Awaited<ReturnType<typeof makeSite>>;
const sites: Site[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.remove();
});

const OLD = new Date("2020-01-01T00:00:00Z");
const rebuild = (site: Site) =>
  build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
const article = (site: Site, name: string) => join(site.content, "articles", name);
/** The files of the search index, and the others. */
const isIndexFile = (path: string) => path.startsWith("pagefind/");
/** The three feed files in a feed folder, in output order. */
const feedFilesIn = (dir: string) => ["atom.xml", "feed.json", "rss.xml"].map((file) => `${dir}/${file}`);

/** A fixture site built once, every output file then dated OLD so that a rewrite shows. */
async function builtSite(): Promise<{ site: Site; first: Awaited<ReturnType<typeof build>> }> {
  const site = await makeSite(files, { ...fixtureSettings, timeZone: "UTC", pageSize: 3, relatedCount: 2 });
  sites.push(site);
  const first = await rebuild(site);
  for (const path of (await readTree(site.output)).keys()) await utimes(join(site.output, path), OLD, OLD);
  return { site, first };
}

/** Output files whose time moved since builtSite(): the ones the last build wrote. */
async function writtenFiles(site: Site): Promise<string[]> {
  const { stat } = await import("node:fs/promises");
  const paths = [...(await readTree(site.output)).keys()];
  const times = await Promise.all(paths.map(async (p) => (await stat(join(site.output, p))).mtimeMs));
  return paths.filter((_, i) => times[i] !== OLD.getTime());
}

/**
 * Asserts that the output is byte for byte what a clean build of the same content gives, but for
 * the search index, which may hold an edit in its overlay's delta: it must find the same articles.
 */
async function expectSameAsCleanBuild(site: Site): Promise<void> {
  const clean = join(site.root, "clean");
  await build({ input: site.content, output: clean, cacheDir: join(site.root, ".clean-cache") });
  const [a, b] = await Promise.all([readTree(site.output), readTree(clean)]);
  const pages = (tree: Map<string, Buffer>) => [...tree.keys()].filter((path) => !isIndexFile(path));
  expect(pages(a)).toEqual(pages(b));
  for (const path of pages(b)) expect(a.get(path)?.equals(b.get(path) as Buffer), path).toBe(true);
  expect(foundDocs(a)).toEqual(foundDocs(b));
  expect(foundDocs(b)).not.toEqual([]);
  // dist is a link to a version in dist.builds/ (see src/publish/versions.ts).
  await rm(clean, { recursive: true });
  await rm(`${clean}.builds`, { recursive: true });
}

describe("incremental production builds", () => {
  it("renders and writes every page on the first build", async () => {
    const { site, first } = await builtSite();
    const tree = await readTree(site.output);
    expect(first.pages).toBe(tree.size);
    expect(first.written).toBe(first.pages);
    // Every file but 404.html, the search page, the four assets, _headers, the three documents and
    // the search index is a page or feed file of the digest.
    const others = [...tree.keys()].filter(
      (p) =>
        !isIndexFile(p) &&
        !(p.endsWith("index.html") && p !== "search/index.html") &&
        !/(^|\/)feeds\/(atom\.xml|rss\.xml|feed\.json)$/.test(p),
    );
    expect(others.map((p) => p.replace(/^assets\/(.*?)\..*\./, "assets/$1.*."))).toEqual([
      "404.html",
      "_headers",
      "assets/favicon.*.svg",
      "assets/relative-time.*.js",
      "assets/search-page.*.js",
      "assets/site.*.css",
      "news-sitemap.xml",
      "robots.txt",
      "search/index.html",
      "sitemap.xml",
    ]);
    expect([...tree.keys()].filter(isIndexFile)).toHaveLength(first.search.files);
    // 18 pages (4 articles, 2 home pages, 3 days, 5 tags, 2 sources, 2 indexes) and 3 feed files each for the site, 5 tags and 2 sources.
    expect(first.rendered).toBe(first.pages - 10 - first.search.files);
    expect(first.rendered).toBe(18 + 24);
    expect(first.markdown).toBe(3);
  });

  it("renders, writes and converts nothing when nothing changed, and leaves every time as it was", async () => {
    const { site, first } = await builtSite();
    const second = await rebuild(site);
    expect(second).toMatchObject({ articles: 4, pages: first.pages, rendered: 0, written: 0, markdown: 0 });
    expect(await writtenFiles(site)).toEqual([]);
  });

  it("re-renders only the article whose body changed (its summary being set) and the site's feeds, which carry bodies", async () => {
    const { site } = await builtSite();
    await writeFile(article(site, "storm.md"), articleFile(front.storm, `${BODY}\n\nA third paragraph, added later.`));
    const second = await rebuild(site);
    // Its page and the site's feeds; its tags' and source's feeds carry only its summary, which is set.
    const expected = ["2025/08/16/storm/index.html", ...feedFilesIn("feeds")];
    const written = await writtenFiles(site);
    expect(written.filter((p) => !isIndexFile(p))).toEqual(expected);
    // The search index changes too: at least the new body's fragment.
    expect(written.filter((p) => /^pagefind\/[^/]+\/fragment\//.test(p))).toHaveLength(1);
    expect(second).toMatchObject({ rendered: 4, written: written.length, markdown: 1 });
    expect(await site.page("/feeds/atom.xml")).toContain("A third paragraph, added later.");
    expect(await site.page("/2025/08/16/storm/")).toContain("<p>A third paragraph, added later.</p>");
    // Nothing else needed the Markdown again: a third build converts nothing.
    expect((await rebuild(site)).markdown).toBe(0);
  });

  it("re-renders the tag pages, feeds, teasers and related lists an edit of tags touches, and nothing else", async () => {
    const { site } = await builtSite();
    await writeFile(
      article(site, "summit.md"),
      articleFile({ ...front.summit, tags: ["Diplomacy", "Climate", "Summits"] }),
    );
    const second = await rebuild(site);
    const expected = [
      "2025/08/15/index.html", // its day
      "2025/08/15/summit/index.html", // its own page
      "2025/08/16/storm/index.html", // now shares Climate with it: newly related
      ...feedFilesIn("feeds"), // its teaser, with its tags, is an entry of every feed it is in
      "page/2/index.html", // the home page it is on
      "sitemap.xml", // a document: re-rendered every build, written because tags/summits/ came and tags/lakeside/ went
      ...feedFilesIn("sources/the-lakeside-times/feeds"),
      "sources/the-lakeside-times/index.html",
      ...feedFilesIn("tags/climate/feeds"),
      "tags/climate/index.html",
      ...feedFilesIn("tags/diplomacy/feeds"),
      "tags/diplomacy/index.html",
      "tags/index.html",
      ...feedFilesIn("tags/summits/feeds"), // new
      "tags/summits/index.html", // new
    ];
    const written = await writtenFiles(site);
    expect(written.filter((p) => !isIndexFile(p))).toEqual(expected);
    // day-two lists summit as related too: rendered again (its key holds the whole teaser), but a
    // related teaser shows only the shared tags, so the bytes are the same and the file stays.
    // sitemap.xml is written but, a document and no page, not counted as rendered.
    expect(second).toMatchObject({ rendered: expected.length - 1 + 1, written: written.length, markdown: 0 });
    for (const url of ["/tags/lakeside/", ...feedFilesIn("/tags/lakeside/feeds")])
      await expect(site.page(url), url).rejects.toMatchObject({ code: "ENOENT" });
    expect(await site.page("/2025/08/16/storm/")).toContain('href="/2025/08/15/summit/"');
    await expectSameAsCleanBuild(site);
  });

  it("removes a deleted article's page, and the day, tag and home pages and tag feeds only it filled", async () => {
    const { site, first } = await builtSite();
    await unlink(article(site, "market.md"));
    const second = await rebuild(site);
    expect(second.articles).toBe(3);
    expect(second.pages - second.search.files).toBe(first.pages - first.search.files - 7);
    // Three articles fit on the home page: /page/2/ goes too; so do the feeds of its tag.
    for (const url of [
      "/2025/08/17/market/",
      "/2025/08/17/",
      "/tags/town/",
      "/page/2/",
      ...feedFilesIn("/tags/town/feeds"),
    ])
      await expect(site.page(url), url).rejects.toMatchObject({ code: "ENOENT" });
    expect(await site.page("/tags/")).not.toContain("Town");
    await expectSameAsCleanBuild(site);
  });

  it("re-renders every page and feed file when the site's title changes", async () => {
    const { site, first } = await builtSite();
    const settings = join(site.content, "_data", "site.json");
    await writeFile(
      settings,
      JSON.stringify({ ...JSON.parse(await readFile(settings, "utf8")), title: "The Lakeside Digest" }),
    );
    const second = await rebuild(site);
    expect(second).toMatchObject({ rendered: first.rendered, markdown: 0 });
    // Every page, 404.html, the search page and every feed file show the title; the stylesheet, scripts,
    // _headers, the documents (the news sitemap names the site only in entries, and it has none now)
    // and the search index do not: Pagefind runs again, but makes the same bytes, so none is written.
    const titled = [...(await readTree(site.output)).keys()].filter(
      (p) => p.endsWith(".html") || /(^|\/)feeds\//.test(p),
    );
    expect(titled).toHaveLength(20 + 24);
    expect(await writtenFiles(site)).toEqual(titled);
    expect(second.written).toBe(titled.length);
    for (const path of titled)
      expect(await readFile(join(site.output, path), "utf8"), path).toContain("The Lakeside Digest");
  });
  it.each([1, 2])(
    "notices an output page deleted by hand after %i build(s), says so in one line, and builds again to a clean build's output",
    async (builds) => {
      const { site } = await builtSite();
      if (builds === 2) await rebuild(site);
      const page = [...(await readTree(site.output)).keys()].find((p) => p.includes("storm") && p.endsWith(".html"));
      expect(page).toBeDefined();
      await unlink(join(site.output, page as string));
      await writeFile(article(site, "market.md"), articleFile(front.market, "The market's report, revised."));
      const warnings: string[] = [];
      const warn = vi.spyOn(console, "warn").mockImplementation((line: unknown) => void warnings.push(String(line)));
      try {
        await rebuild(site);
      } finally {
        warn.mockRestore();
      }
      expect(warnings.filter((line) => line.includes("building again, checking every file"))).toHaveLength(1);
      const market = [...(await readTree(site.output))].find(([p]) => p.includes("market") && p.endsWith(".html"));
      expect(market?.[1].toString()).toContain("revised");
      await expectSameAsCleanBuild(site);
    },
  );
});
