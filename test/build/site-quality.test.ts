// Quality gates on the built sample site: valid HTML, no broken internal link or image, feeds and sitemaps that parse.
import { readdir, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSampleSite, type SampleSite } from "../helpers/sample-site.ts";
import { wellFormed } from "../helpers/xml.ts";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // The shell already leaves the site's name out of a long title (layouts/base.ts); what is left is
    // the author's headline, which may be up to 200 characters. Cutting it would cut the page's name
    // for screen readers, tabs and bookmarks; search engines shorten it themselves.
    "long-title": "off",
  },
});

let site: SampleSite;
let files: string[];
let siteUrl: string;
beforeAll(async () => {
  site = await buildSampleSite();
  files = (await readdir(site.output, { recursive: true })).sort();
  siteUrl = (
    JSON.parse(await readFile(new URL("../../content/_data/site.json", import.meta.url), "utf8")) as { url: string }
  ).url;
}, 120_000);
afterAll(async () => site?.remove());

const read = (file: string) => readFile(join(site.output, file), "utf8");
const pages = () => files.filter((f) => f.endsWith(".html"));

/** The output file a site path names: `/x/` → x/index.html. */
function fileOf(pathname: string): string {
  const path = decodeURIComponent(pathname).replace(/^\//, "");
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

/** The URLs a page points at: href, src, every srcset candidate, and absolute URLs in meta content. */
function urlsIn(html: string): string[] {
  const urls: string[] = [];
  for (const [, name, raw] of html.matchAll(/\s(href|src|srcset|content)="([^"]*)"/g)) {
    const value = raw!.replace(/&amp;/g, "&");
    if (name === "srcset") urls.push(...value.split(",").map((c) => c.trim().split(/\s+/)[0]!));
    else if (name !== "content" || /^https?:\/\//.test(value)) urls.push(value);
  }
  return urls;
}

// Each check reads every page of the build: seconds, more on a busy machine.
describe("the sample site", { timeout: 60_000 }, () => {
  it("has pages of every kind to check", () => {
    expect(pages().length).toBeGreaterThan(50);
    expect(pages()).toEqual(
      expect.arrayContaining(["index.html", "404.html", "tags/index.html", "sources/index.html"]),
    );
  });

  it("passes html-validate's recommended rules on every page", async () => {
    const problems: string[] = [];
    for (const page of pages()) {
      const report = await validator.validateString(await read(page), page);
      for (const result of report.results)
        for (const m of result.messages) problems.push(`${page}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  });

  it("points every internal link, image and fragment of every page at something built", async () => {
    const origin = new URL(siteUrl).origin;
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages()) {
      const base = `${origin}/${page.replace(/index\.html$/, "")}`;
      for (const value of urlsIn(await read(page))) {
        const url = new URL(value, base);
        if (url.origin !== origin) continue;
        checked++;
        const target = fileOf(url.pathname);
        if (!existsSync(join(site.output, target))) broken.push(`${page}: ${value} (no ${target})`);
        else if (
          url.hash &&
          target.endsWith(".html") &&
          !(await read(target)).includes(` id="${decodeURIComponent(url.hash.slice(1))}"`)
        ) {
          broken.push(`${page}: ${value} (no element with that id in ${target})`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it("has feeds and sitemaps that parse, each with entries that point at built pages", async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const xml = files.filter((f) => f.endsWith(".xml"));
    expect(xml).toEqual(expect.arrayContaining(["feeds/atom.xml", "feeds/rss.xml", "sitemap.xml", "news-sitemap.xml"]));
    const problems: string[] = [];
    const links: string[] = [];
    for (const file of xml) {
      const text = await read(file);
      if (!wellFormed(text)) {
        problems.push(`${file}: not well-formed XML`);
        continue;
      }
      // biome-ignore lint/suspicious/noExplicitAny: a parsed XML tree; the assertions check its shape.
      type Node = any;
      const doc = parser.parse(text) as Record<string, Node>;
      const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
      if (file.endsWith("atom.xml")) links.push(...list(doc.feed?.entry).map((e: Node) => list(e.link)[0]?.["@_href"]));
      else if (file.endsWith("rss.xml")) links.push(...list(doc.rss?.channel?.item).map((i: Node) => i.link));
      else if (doc.urlset) links.push(...list(doc.urlset.url).map((u: Node) => u.loc));
      else
        problems.push(
          `${file}: expected an Atom feed, an RSS channel or a sitemap urlset; got <${Object.keys(doc)
            .filter((k) => k !== "?xml")
            .join(", ")}>`,
        );
    }
    for (const file of files.filter((f) => f.endsWith("feed.json"))) {
      let feed: { version?: string; items?: { url?: string }[] };
      try {
        feed = JSON.parse(await read(file)) as typeof feed;
      } catch (error) {
        problems.push(`${file}: not JSON (${String(error)})`);
        continue;
      }
      if (feed.version !== "https://jsonfeed.org/version/1.1" || !Array.isArray(feed.items))
        problems.push(`${file}: expected a JSON Feed 1.1 with items; got version ${feed.version}`);
      links.push(...(feed.items ?? []).map((i) => i.url ?? ""));
    }
    for (const link of links) {
      const url = new URL(String(link));
      if (!link?.startsWith(`${siteUrl}/`) || !existsSync(join(site.output, fileOf(url.pathname))))
        problems.push(`entry link ${link} is not a built page of ${siteUrl}`);
    }
    expect(problems).toEqual([]);
    expect(links.length).toBeGreaterThan(100);
  });
});
