// Sitemaps and robots.txt: the documents that tell crawlers which pages exist and which are news.
import type { Digest } from "../digest/view-model.ts";
import { escapeXml } from "./xml.ts";

/** Where the two sitemaps are served, relative to the site URL. */
export const sitemapPaths = { sitemap: "/sitemap.xml", news: "/news-sitemap.xml" } as const;

/** The sitemaps protocol's namespace. */
export const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
/** A site path (`/a/`) as an absolute URL; an absolute URL is kept as it is. */
// Percent-encoded (`/tags/%E6%9D%B1%E4%BA%AC/`): sitemaps want URLs escaped as RFC 3986 says, and a
// tag in another script keeps its letters in its path. encodeURI leaves an already valid URL as it is.
export function absolute(url: string, siteUrl: string): string {
  const full = /^https?:\/\//i.test(url) ? url : `${siteUrl}${url.startsWith("/") ? "" : "/"}${url}`;
  return /%[0-9A-Fa-f]{2}/.test(full) ? full : encodeURI(full);
}

/** Options of the sitemap files. */
export interface SitemapOptions {
  /** Most URLs in one sitemap file; the protocol allows 50,000. Default 50000. */
  maxUrls: number;
  /** Most bytes of one sitemap file, uncompressed; the protocol allows 50 MiB. Default 52428800. */
  maxBytes: number;
}

/** The sitemaps protocol's limits per file: https://www.sitemaps.org/protocol.html#index */
export const sitemapDefaults = { maxUrls: 50_000, maxBytes: 50 * 1024 * 1024 } satisfies SitemapOptions;

const URLSET_OPEN = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}">\n`;
const URLSET_CLOSE = "</urlset>\n";

/** One `<url>` line of a sitemap: the absolute, escaped location and the lastmod when known. */
function urlLine(entry: { url: string; lastmod?: string | undefined }, siteUrl: string): string {
  const lastmod = entry.lastmod === undefined ? "" : `<lastmod>${escapeXml(entry.lastmod)}</lastmod>`;
  return `  <url><loc>${escapeXml(absolute(entry.url, siteUrl))}</loc>${lastmod}</url>\n`;
}

/** sitemap.xml listing each URL (made absolute) with its last modification time when known. */
export function renderSitemap(
  entries: readonly { url: string; lastmod?: string | undefined }[],
  siteUrl: string,
): string {
  return `${URLSET_OPEN}${entries.map((e) => urlLine(e, siteUrl)).join("")}${URLSET_CLOSE}`;
}

/**
 * The sitemap files of a site: `/sitemap.xml` alone while every URL fits in one file; past the
 * protocol's limits, `/sitemap.xml` becomes a sitemap index of `/sitemap-1.xml`, `/sitemap-2.xml`, …
 * Each part sits at the root, since a sitemap may only list URLs under its own folder.
 */
export function renderSitemaps(
  entries: readonly { url: string; lastmod?: string | undefined }[],
  siteUrl: string,
  options: Partial<SitemapOptions> = {},
): { url: string; content: string }[] {
  const { maxUrls, maxBytes } = { ...sitemapDefaults, ...options };
  const room = maxBytes - Buffer.byteLength(URLSET_OPEN) - Buffer.byteLength(URLSET_CLOSE);
  const parts: { lines: string[]; lastmod: string | undefined; newest: number }[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const line = urlLine(entry, siteUrl);
    const size = Buffer.byteLength(line);
    let part = parts.at(-1);
    if (!part || part.lines.length >= maxUrls || bytes + size > room) {
      part = { lines: [], lastmod: undefined, newest: Number.NEGATIVE_INFINITY };
      parts.push(part);
      bytes = 0;
    }
    part.lines.push(line);
    bytes += size;
    // The index gives each part its newest lastmod, compared as instants: offsets differ.
    const time = entry.lastmod === undefined ? Number.NaN : Date.parse(entry.lastmod);
    if (time > part.newest) [part.newest, part.lastmod] = [time, entry.lastmod];
  }
  if (parts.length <= 1)
    return [{ url: sitemapPaths.sitemap, content: `${URLSET_OPEN}${parts[0]?.lines.join("") ?? ""}${URLSET_CLOSE}` }];
  const files = parts.map((part, i) => ({
    url: sitemapPartPath(i + 1),
    content: `${URLSET_OPEN}${part.lines.join("")}${URLSET_CLOSE}`,
  }));
  return [
    {
      url: sitemapPaths.sitemap,
      content: renderSitemapIndex(
        files.map((f, i) => ({ url: f.url, lastmod: parts[i]?.lastmod })),
        siteUrl,
      ),
    },
    ...files,
  ];
}

/** Where the `n`th part of a split sitemap is served (from 1). */
export function sitemapPartPath(n: number): string {
  return `/sitemap-${n}.xml`;
}

/** A sitemap index listing each sitemap (made absolute) with its newest lastmod when known. */
export function renderSitemapIndex(
  sitemaps: readonly { url: string; lastmod?: string | undefined }[],
  siteUrl: string,
): string {
  const lines = sitemaps.map((s) => {
    const lastmod = s.lastmod === undefined ? "" : `<lastmod>${escapeXml(s.lastmod)}</lastmod>`;
    return `  <sitemap><loc>${escapeXml(absolute(s.url, siteUrl))}</loc>${lastmod}</sitemap>\n`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NS}">\n${lines.join("")}</sitemapindex>\n`;
}

/**
 * Every page of a digest for the sitemap, draft articles left out. An article's lastmod is its update (or
 * publication); a listing's is its newest article, on all its pages, since a new article shifts them all.
 */
export function sitemapEntries(digest: Digest): { url: string; lastmod?: string }[] {
  const entries: { url: string; lastmod?: string }[] = [];
  visitSitemapEntries(digest, (url, lastmod) => entries.push(lastmod === undefined ? { url } : { url, lastmod }));
  return entries;
}

/** sitemapEntries() one by one, with no object made for each. */
function visitSitemapEntries(digest: Digest, add: (url: string, lastmod: string | undefined) => void): void {
  const articles = digest.articlePages.filter((p) => !p.teaser.draft);
  // The indexes list no expired item, so their date is the newest listed article's.
  const newest = articles.find((p) => !p.expired)?.teaser.published.iso;
  for (const listing of [digest.homePages, digest.tagPages, digest.sourcePages]) {
    let lastmod: string | undefined;
    for (const page of listing) {
      if (page.pager.number === 1) lastmod = page.groups[0]?.items[0]?.published.iso;
      add(page.url, lastmod);
    }
  }
  for (const day of digest.dayPages) add(day.url, day.group.items[0]?.published.iso);
  for (const index of digest.indexPages) add(index.url, newest);
  for (const story of digest.storyPages) add(story.url, story.items[0]?.published.iso);
  for (const page of articles) add(page.url, page.updated?.iso ?? page.teaser.published.iso);
}

/** The sitemap files the dev server's last build rendered, with what they were made from. */
export interface SitemapMemo {
  /** The site URL, then each entry's URL and lastmod, flat. */
  made?: (string | undefined)[];
  files?: { url: string; content: string }[];
  /** Each time stamp's instant, for the news sitemap. */
  times?: WeakMap<object, number>;
}

/**
 * renderSitemaps() of a digest's entries; with a memo, the last build's files when every URL and
 * lastmod is the same (a body edit's), without a line of XML made again; with `entriesAsBefore` (the
 * caller knows they are), without the entries listed either.
 */
export function siteSitemaps(
  digest: Digest,
  siteUrl: string,
  memo?: SitemapMemo,
  entriesAsBefore = false,
): { url: string; content: string }[] {
  if (memo === undefined) return renderSitemaps(sitemapEntries(digest), siteUrl);
  if (entriesAsBefore && memo.files && memo.made?.[0] === siteUrl) return memo.files;
  const made: (string | undefined)[] = [siteUrl];
  visitSitemapEntries(digest, (url, lastmod) => made.push(url, lastmod));
  const last = memo.made;
  const same = last !== undefined && last.length === made.length && made.every((value, i) => value === last[i]);
  if (!same || memo.files === undefined) memo.files = renderSitemaps(sitemapEntries(digest), siteUrl);
  memo.made = made;
  return memo.files;
}

/** robots.txt that lets every crawler in and names each sitemap by its absolute URL. */
export function renderRobots(siteUrl: string, paths: readonly string[]): string {
  const sitemaps = paths.map((path) => `Sitemap: ${absolute(path, siteUrl)}\n`).join("");
  return `User-agent: *\nDisallow:\n\n${sitemaps}`;
}
