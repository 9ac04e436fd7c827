// Feeds of the newest articles: entries made once from the digest's pages, written in three formats.
import type { Settings } from "../content/settings.ts";
import { htmlOf } from "../content/stored-html.ts";
import type { ArticlePage, FeedContent, Image } from "../digest/view-model.ts";
import { renderJsonFeed } from "./feed-json.ts";
import type { FeedChannel, FeedImage, FeedItem } from "./feed-model.ts";
import { renderAtom, renderRss } from "./feed-xml.ts";
import { isRootRelative, mapLinks } from "./links.ts";

export { type FeedChannel, type FeedImage, type FeedItem, feedFiles } from "./feed-model.ts";

/** Options of `feedItemsFrom`. */
export interface FeedOptions {
  /** Most entries in one feed. Default 20. */
  limit: number;
  /** Entries with the whole article, or with its summary only. Default "full". */
  content: FeedContent;
}

/** Defaults of `feedItemsFrom`. */
export const feedDefaults = { limit: 20, content: "full" } satisfies FeedOptions;

/** The three feeds of a channel, entries in the order given. */
export function renderFeeds(
  channel: FeedChannel,
  items: readonly FeedItem[],
): { atom: string; rss: string; json: string } {
  return { atom: renderAtom(channel, items), rss: renderRss(channel, items), json: renderJsonFeed(channel, items) };
}

/** A feed's `updated`: its latest entry change, or `fallback` for a feed without entries. */
export function feedUpdated(items: readonly FeedItem[], fallback: Date): Date {
  // biome-ignore lint/complexity/useMathMinMax: Dates, not numbers; Math.max would return milliseconds.
  return items.reduce((latest, item) => (item.updated > latest ? item.updated : latest), items[0]?.updated ?? fallback);
}

/** A permanent entry id, an RFC 4151 tag URI of the permalink and publication day: updates never change it. */
export function entryId(siteUrl: string, path: string, published: Date): string {
  const url = new URL(`${siteUrl}${path}`);
  return `tag:${url.hostname},${published.toISOString().slice(0, 10)}:${url.pathname}`;
}

const HAS_SCHEME = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

/** A URL of a page at `pagePath` as an absolute URL: root-relative ones under the site URL, which may hold a path. */
function absoluteUrl(url: string, siteUrl: string, pagePath: string): string {
  if (HAS_SCHEME.test(url)) return url;
  return isRootRelative(url) ? `${siteUrl}${url}` : new URL(url, `${siteUrl}${pagePath}`).href;
}

/** Makes the relative link, image and srcset URLs of our own HTML absolute, as feed readers need. */
export function absolutizeHtml(html: string, siteUrl: string, pagePath = "/"): string {
  return mapLinks(html, (url) => absoluteUrl(url, siteUrl, pagePath));
}

const IMAGE_TYPES: Record<string, string> = {
  avif: "image/avif",
  gif: "image/gif",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  png: "image/png",
  svg: "image/svg+xml",
  webp: "image/webp",
};

/** An entry's picture: the lead image's fallback file (JPEG or PNG, which every reader shows), or the card. */
function feedImage(page: ArticlePage, siteUrl: string): FeedImage | undefined {
  const image: Image | undefined = page.image ?? page.card;
  if (image === undefined) return undefined;
  const type = IMAGE_TYPES[/\.([a-z\d]+)$/i.exec(image.url)?.[1]?.toLowerCase() ?? ""];
  const url = absoluteUrl(image.url, siteUrl, page.url);
  return { url, ...(type === undefined ? {} : { type }), width: image.width, height: image.height };
}

// An article is in the site's feed and in each of its tags' and source's: its entry is made once per kind.
const made = {
  full: new WeakMap<ArticlePage, { siteUrl: string; item: FeedItem }>(),
  summary: new WeakMap<ArticlePage, { siteUrl: string; item: FeedItem }>(),
};

/** Feed entries for the newest articles (pages newest first, as the digest has them), drafts left out. */
export function feedItemsFrom(
  pages: readonly ArticlePage[],
  settings: Pick<Settings, "url">,
  options: Partial<FeedOptions> = {},
): FeedItem[] {
  const { limit, content } = { ...feedDefaults, ...options };
  const items: FeedItem[] = [];
  for (const page of pages) {
    if (items.length >= limit) break;
    if (page.teaser.draft) continue;
    const known = made[content].get(page);
    if (known?.siteUrl === settings.url) {
      items.push(known.item);
      continue;
    }
    const { teaser: t, sourceUrl } = page;
    const published = new Date(t.published.iso);
    const image = feedImage(page, settings.url);
    // Without an outlet's name, the original report's host names it.
    const name = t.source?.label ?? (sourceUrl === undefined ? undefined : new URL(sourceUrl).hostname);
    const item: FeedItem = {
      id: entryId(settings.url, page.url, published),
      url: `${settings.url}${page.url}`,
      title: t.title,
      published,
      updated: page.updated ? new Date(page.updated.iso) : published,
      summary: t.summary,
      // Empty for a summary: the entry's content is then the summary as a paragraph (see `entryContent`).
      contentHtml: content === "full" ? absolutizeHtml(htmlOf(page.bodyHtml), settings.url, page.url) : "",
      tags: t.tags.map((tag) => tag.label),
      ...(page.author === undefined ? {} : { author: page.author }),
      ...(name === undefined ? {} : { source: sourceUrl === undefined ? { name } : { name, url: sourceUrl } }),
      ...(image === undefined ? {} : { image }),
    };
    made[content].set(page, { siteUrl: settings.url, item });
    items.push(item);
  }
  return items;
}
