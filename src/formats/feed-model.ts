// What a feed holds, whatever its format: the channel, its entries and their images.
import { escapeHtml } from "./html.ts";

/** A picture shown with an entry: the article's lead image, or its social card. */
export interface FeedImage {
  /** Absolute URL. */
  url: string;
  /** MIME type, when the file name tells it. */
  type?: string | undefined;
  width: number;
  height: number;
  /** Size of the file in bytes, when known: RSS's <enclosure> requires it. */
  bytes?: number | undefined;
}

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
  image?: FeedImage;
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

/** File names of the three feeds inside a channel's `feedPath`. */
export const feedFiles = { atom: "atom.xml", rss: "rss.xml", json: "feed.json" } as const;

/** The page a feed follows, as an absolute URL. */
export const feedHome = (c: FeedChannel) => `${c.siteUrl}${c.pagePath ?? "/"}`;
/** One of a channel's feed files, as an absolute URL. */
export const feedSelf = (c: FeedChannel, file: string) => `${c.siteUrl}${c.feedPath}${file}`;
/** An entry's HTML content; one without a body carries its summary as a paragraph. */
export const entryContent = (item: FeedItem) => item.contentHtml || `<p>${escapeHtml(item.summary)}</p>`;
