// The news sitemap (Google's `news:` extension): the articles of the last two days, for news crawlers.
import type { ArticlePage } from "../digest/view-model.ts";
import { absolute, SITEMAP_NS, type SitemapMemo } from "./sitemap.ts";
import { escapeXml } from "./xml.ts";

/** Options of the news sitemap. */
export interface NewsSitemapOptions {
  /** Most articles listed; Google reads at most 1,000. Default 1000. */
  limit: number;
  /** How far back articles are listed, in hours before `now`; Google wants the last two days. Default 48. */
  windowHours: number;
}

/** Defaults of the news sitemap. */
export const newsSitemapDefaults = { limit: 1000, windowHours: 48 } satisfies NewsSitemapOptions;

const HOUR_MS = 3_600_000;
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

/** A news sitemap (Google's `news:` extension) for articles chosen by `newsItems`. */
export function renderNewsSitemap(
  items: readonly { url: string; title: string; published: string }[],
  publication: { name: string; language: string },
  siteUrl: string,
): string {
  const pub = `<news:publication><news:name>${escapeXml(publication.name)}</news:name><news:language>${escapeXml(publication.language)}</news:language></news:publication>`;
  const urls = items.map(
    (item) =>
      `  <url>\n    <loc>${escapeXml(absolute(item.url, siteUrl))}</loc>\n    <news:news>${pub}` +
      `<news:publication_date>${escapeXml(item.published)}</news:publication_date><news:title>${escapeXml(item.title)}</news:title></news:news>\n  </url>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${urls.join("")}</urlset>\n`;
}

/**
 * Articles for the news sitemap, newest first, drafts left out: published after `now` minus
 * `windowHours` and not after `now`. An article exactly `windowHours` old is no longer listed.
 */
export function newsItems(
  pages: readonly ArticlePage[],
  now: Date,
  options: Partial<NewsSitemapOptions> = {},
  memo?: SitemapMemo,
): { url: string; title: string; published: string }[] {
  const { limit, windowHours } = { ...newsSitemapDefaults, ...options };
  const end = now.getTime();
  const start = end - windowHours * HOUR_MS;
  // A kept teaser keeps its time stamp object: its instant is parsed once per server, not once per rebuild.
  const times = memo ? (memo.times ??= new WeakMap()) : undefined;
  const timeOf = (stamp: ArticlePage["teaser"]["published"]) => {
    let time = times?.get(stamp);
    if (time === undefined) {
      time = Date.parse(stamp.iso);
      times?.set(stamp, time);
    }
    return time;
  };
  const inWindow = (time: number) => time > start && time <= end;
  // Filtered first: a pair made for each of 10,000 pages only to drop all but the last two days' was garbage.
  return pages
    .filter((page) => !page.teaser.draft && inWindow(timeOf(page.teaser.published)))
    .map((page) => ({ page, time: timeOf(page.teaser.published) }))
    .sort((a, b) => b.time - a.time)
    .slice(0, limit)
    .map(({ page }) => ({ url: page.url, title: page.teaser.title, published: page.teaser.published.iso }));
}

/** The ISO 639 code Google News expects from a BCP 47 tag: `en-GB` → `en`; Chinese keeps its script, `zh-cn` or `zh-tw`. */
export function newsLanguage(language: string): string {
  const locale = new Intl.Locale(language).maximize();
  if (locale.language === "zh") return locale.script === "Hant" ? "zh-tw" : "zh-cn";
  return locale.language;
}
