// Atom, RSS and JSON feeds of the newest articles, written by the `feed` package.
import { type Extension, Feed, type Item } from "feed";
import { escapeHtml } from "./html.ts";
import type { ArticlePage, FeedContent } from "../digest/view-model.ts";
import type { Settings } from "../content/settings.ts";
import { withoutInvalidXmlChars } from "./sitemap.ts";

/** One entry of a feed, the same in every format: plain-text summary, HTML content with absolute URLs. */
export interface FeedItem {
  /** Permanent: an update never changes it (see `entryId`). */
  id: string;
  url: string;
  title: string;
  published: Date;
  updated: Date;
  author?: string;
  summary: string;
  contentHtml: string;
  tags: string[];
  source?: { name: string; url?: string };
}

/** What a feed follows: the whole site, or one tag or source. */
export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute site URL without a trailing slash. */
  siteUrl: string;
  /** Folder of the three feed files, such as `/feeds/` or `/tags/climate/feeds/`. */
  feedPath: string;
  /** The HTML page the feed follows, such as `/tags/climate/`. Default `/`. */
  pagePath?: string;
  /** BCP 47 language of the entries. */
  language: string;
  /** The feed's last change; `feedUpdated` gives it from the entries. */
  updated: Date;
}

/** Options of `feedItemsFrom`. */
export interface FeedOptions {
  /** Most entries in one feed. Default 20. */
  limit: number;
  /** Entries with the whole article, or with its summary only. Default "full". */
  content: FeedContent;
}

/** Defaults of `feedItemsFrom`. */
export const feedDefaults = { limit: 20, content: "full" } satisfies FeedOptions;

/** File names of the three feeds inside a channel's `feedPath`. */
export const feedFiles = { atom: "atom.xml", rss: "rss.xml", json: "feed.json" } as const;

type Format = keyof typeof feedFiles;
type JsonAuthors = { author?: { name?: string; url?: string }; authors?: { name?: string; url?: string }[] };
type JsonFeed = JsonAuthors & {
  version: string;
  language?: string;
  items: (JsonAuthors & { external_url?: string })[];
};

/** The three feeds of a channel, entries in the order given. */
export function renderFeeds(
  channel: FeedChannel,
  items: readonly FeedItem[],
): { atom: string; rss: string; json: string } {
  // feed writes JSON Feed 1 (`author`, no `external_url`, no `language`); these are the 1.1 fields.
  const json = JSON.parse(feedFor(channel, items, "json").json1()) as JsonFeed;
  json.version = "https://jsonfeed.org/version/1.1";
  json.language = channel.language;
  json.items.forEach((entry, i) => {
    entry.external_url = items[i]?.source?.url;
  });
  for (const o of [json, ...json.items]) {
    if (o.author) o.authors = [o.author];
    delete o.author;
  }
  return {
    atom: feedFor(channel, items, "atom").atom1(),
    rss: feedFor(channel, items, "rss").rss2(),
    json: JSON.stringify(json, null, 2),
  };
}

/** One Feed per format: each format wants its text encoded its own way (see `entry`). */
function feedFor(channel: FeedChannel, items: readonly FeedItem[], format: Format): Feed {
  const text = format === "json" ? (s: string) => s : withoutInvalidXmlChars;
  const home = `${channel.siteUrl}${channel.pagePath ?? "/"}`;
  const self = (file: string) => `${channel.siteUrl}${channel.feedPath}${file}`;
  const feed = new Feed({
    id: `${channel.siteUrl}${channel.feedPath}`,
    title: text(channel.title),
    description: text(channel.description),
    link: home,
    language: channel.language,
    updated: channel.updated,
    generator: false,
    feedLinks: { atom: self(feedFiles.atom), rss: self(feedFiles.rss), json: self(feedFiles.json) },
    // Atom needs an author for entries without a byline: the digest itself.
    author: { name: text(channel.title), link: `${channel.siteUrl}/` },
  });
  for (const item of items) feed.addItem(entry(item, format, text));
  return feed;
}

// xml-js escapes only the first `]]>` of a CDATA section (lib/js2xml.js, writeCdata). HTML may spell
// `>` as `&gt;`; in the RSS title, which is plain text, a space keeps the feed well-formed instead.
const cdataHtml = (html: string) => html.replaceAll("]]>", "]]&gt;");
const cdataText = (text: string) => text.replaceAll("]]>", "]] >");

function entry(item: FeedItem, format: Format, text: (s: string) => string): Item {
  // Atom's title and both formats' summaries are declared HTML by feed; JSON Feed's are plain text.
  const title =
    format === "atom" ? escapeHtml(text(item.title)) : format === "rss" ? cdataText(text(item.title)) : item.title;
  const summary = format === "json" ? item.summary : escapeHtml(text(item.summary));
  // Never empty: feed declares the `dc:` namespace (for dc:creator) only when an RSS item has content.
  const content = cdataHtml(text(item.contentHtml) || `<p>${escapeHtml(text(item.summary))}</p>`);
  // feed escapes only `&` in Atom category attributes; a raw `<` there would make the feed malformed.
  const tags = format === "atom" ? item.tags.filter((tag) => !tag.includes("<")) : item.tags;
  const author = item.author === undefined || format === "rss" ? {} : { author: [{ name: text(item.author) }] };
  return {
    id: item.id,
    link: item.url,
    title,
    date: item.updated,
    published: item.published,
    description: summary,
    content,
    category: tags.map((tag) => ({ name: text(tag), term: text(tag) })),
    ...author,
    ...(format === "rss" ? { extensions: rssExtensions(item, text) } : {}),
  };
}

// RSS <author> must be an e-mail address, so a byline goes into <dc:creator>; feed has no <source>,
// so it is an item extension. xml-js escapes no `&` or `<` in attribute values (only `"`): done here.
function rssExtensions(item: FeedItem, text: (s: string) => string): Extension[] {
  const extensions: Extension[] = [];
  if (item.author !== undefined) extensions.push({ name: "dc:creator", objects: { _text: text(item.author) } });
  const url = item.source?.url;
  if (item.source && url !== undefined) {
    const attribute = text(url).replaceAll("&", "&amp;").replaceAll("<", "&lt;");
    extensions.push({ name: "source", objects: { _attributes: { url: attribute }, _text: text(item.source.name) } });
  }
  return extensions;
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

const URL_ATTRIBUTE = /(\s(?:href|src)=)(["'])(.*?)\2/gi;
const HAS_SCHEME = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

/** Makes the relative `href` and `src` values of our own HTML absolute, as feed readers need. */
export function absolutizeHtml(html: string, siteUrl: string, pagePath = "/"): string {
  // A regex is enough: our Markdown renderer quotes every attribute and escapes quotes in text.
  const absolute = (value: string) =>
    HAS_SCHEME.test(value)
      ? value
      : value.startsWith("/")
        ? `${siteUrl}${value}`
        : new URL(value, `${siteUrl}${pagePath}`).href;
  return (
    html
      .replace(
        URL_ATTRIBUTE,
        (_, name: string, quote: string, value: string) => `${name}${quote}${absolute(value)}${quote}`,
      )
      // srcset is a list of "url width" candidates; each URL is made absolute (body images have one).
      .replace(/(\ssrcset=)(["'])(.*?)\2/gi, (_, name: string, quote: string, list: string) => {
        const candidates = list.split(",").map((c) => c.trim().replace(/^\S+/, absolute));
        return `${name}${quote}${candidates.join(", ")}${quote}`;
      })
  );
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
    // Without an outlet's name, the original report's host names it.
    const name = t.source?.label ?? (sourceUrl === undefined ? undefined : new URL(sourceUrl).hostname);
    const item: FeedItem = {
      id: entryId(settings.url, page.url, published),
      url: `${settings.url}${page.url}`,
      title: t.title,
      published,
      updated: page.updated ? new Date(page.updated.iso) : published,
      summary: t.summary,
      // Empty for a summary: the entry's content is then the summary as a paragraph (see `entry`).
      contentHtml: content === "full" ? absolutizeHtml(page.bodyHtml, settings.url, page.url) : "",
      tags: t.tags.map((tag) => tag.label),
      ...(page.author === undefined ? {} : { author: page.author }),
      ...(name === undefined ? {} : { source: sourceUrl === undefined ? { name } : { name, url: sourceUrl } }),
    };
    made[content].set(page, { siteUrl: settings.url, item });
    items.push(item);
  }
  return items;
}
