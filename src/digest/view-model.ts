// The shapes of every page the site renders: layouts receive these, ready to assemble.
import type { Settings } from "../content/settings.ts";
import type { BodyHtml } from "../content/stored-html.ts";
import type { BuildContext } from "./build-context.ts";

/** A link with its visible text. */
export interface Link {
  url: string;
  label: string;
}

/** A `<time>` element's parts: machine-readable instant and the exact display text. */
export interface TimeStamp {
  iso: string;
  text: string;
}

/** An image with the attributes a correct `<img>` needs, and its responsive variants when it has them. */
export interface Image {
  /** The fallback file (the largest JPEG or PNG variant, or the original). */
  url: string;
  alt: string;
  width: number;
  height: number;
  /** `srcset` of the fallback format, widest last. */
  srcset?: string | undefined;
  /** Better formats first (AVIF, WebP), each with its MIME type and `srcset`. */
  sources?: { type: string; srcset: string }[] | undefined;
  /** Who made it, shown as a caption. */
  credit?: string | undefined;
  /** Advisory title (a body image's Markdown title), shown as a tooltip. */
  title?: string | undefined;
}

/** An article as listed on home, day, tag and source pages and under "Related articles". */
export interface Teaser {
  url: string;
  title: string;
  source?: Link | undefined;
  published: TimeStamp;
  summary: string;
  tags: Link[];
  draft: boolean;
  /** A small version of the lead image, for lists. */
  thumbnail?: Image | undefined;
  /** The other outlets' reports of this item's story ("Also covered by"), when it is in one. */
  coverage?: Coverage | undefined;
}

/** The other reports of an item's story, as listings name them. */
export interface Coverage {
  /** The story's page. */
  story: Link;
  /** Each other outlet's report, at most three, its label the outlet's name. */
  others: Link[];
  /** Other reports not named in `others` (shown as a count linking to the story page). */
  more: number;
}

/** A story's page: every report of one event, newest first, with the story's own feeds. */
export interface StoryPage {
  url: string;
  /** The lead item's headline. */
  heading: string;
  lead: Teaser;
  /** Every report, newest first. */
  items: Teaser[];
  /** Folder of the story's feeds. */
  feedPath: string;
}

/** A related article, with the tags it shares with the article it is listed under. */
export interface RelatedTeaser {
  teaser: Teaser;
  sharedTags: Link[];
}

/** An article page. */
export interface ArticlePage {
  url: string;
  teaser: Teaser;
  author?: string | undefined;
  /** The original report's address, when the item names one. */
  sourceUrl?: string | undefined;
  /** The last update: the later of `updated` and the newest correction. */
  updated?: TimeStamp | undefined;
  /** When the item expired, if it has: its page stays, with a notice, out of every listing. */
  expired?: TimeStamp | undefined;
  /** Dated correction notices, oldest first. */
  corrections: { date: TimeStamp; text: string }[];
  image?: Image | undefined;
  /** The social card (og:image), 1200 × 630: the lead image cropped, or a generated card. */
  card?: Image | undefined;
  /** The body; read it with htmlOf (src/content/stored-html.ts), since a saved one stays in its cache file. */
  bodyHtml: BodyHtml;
  /** Show the summary as a standfirst: only when the author wrote it (a derived one repeats the first paragraph). */
  standfirst?: boolean | undefined;
  /** Identity of the body, when known: page keys use it instead of hashing the HTML. */
  bodyKey?: string | undefined;
  related: RelatedTeaser[];
  /** The story this item is part of, and the story's other reports, newest first. */
  story?: Link | undefined;
  coverage?: Teaser[] | undefined;
  /** The article before this one in time, and the one after. */
  older?: Link | undefined;
  newer?: Link | undefined;
}

/** Items under one day heading. */
export interface DayGroup {
  heading: string;
  /** The day's own page. */
  url: string;
  iso: string;
  items: Teaser[];
}

/** Position of a page in a paginated listing. */
export interface Pager {
  number: number;
  count: number;
  previous?: string | undefined;
  next?: string | undefined;
}

/** A page of a listing (home, one tag, one source), grouped by day. */
export interface ListPage {
  url: string;
  /** The page's h1, such as the tag's label; the site title on the home page. */
  heading: string;
  /** What the listing is, such as "Tag" or "Source"; absent on the home page. */
  kind?: string | undefined;
  groups: DayGroup[];
  pager: Pager;
  /** Folder of the listing's own feeds (tags and sources). */
  feedPath?: string | undefined;
}

/** A daily digest page, with the neighbouring days that have articles. */
export interface DayPage {
  url: string;
  group: DayGroup;
  /** Articles published that day; more than `group.items` when a story's reports are listed once. */
  articles?: number | undefined;
  /** The closest earlier and later days with articles. */
  earlier?: Link | undefined;
  later?: Link | undefined;
}

/** The index of all tags or all sources. */
export interface IndexPage {
  url: string;
  heading: string;
  entries: (Link & { count: number })[];
}

/** The newest articles of the site, a tag or a source, as one feed. */
export interface FeedSpec {
  /** Folder of the feed's files, such as `/feeds/` or `/tags/climate/feeds/`. */
  path: string;
  /** The page the feed follows, such as `/tags/climate/`. */
  pagePath: string;
  title: string;
  description: string;
  /** Newest first, drafts left out, at most the feed's length. */
  pages: ArticlePage[];
  /** Whole articles (the site's feed), or their summaries (tag and source feeds). */
  content: FeedContent;
}

/** What a feed entry carries: the article's whole body, or only its summary. */
export type FeedContent = "full" | "summary";

/** One file of a feed: the feed in one format. */
export interface FeedFile {
  url: string;
  format: "atom" | "rss" | "json";
  feed: FeedSpec;
}

/** A finished text file of the site, such as sitemap.xml or robots.txt. */
export interface SiteDocument {
  url: string;
  content: string;
}

/** Everything one build renders, computed once. */
export interface Digest {
  settings: Settings;
  articlePages: ArticlePage[];
  homePages: ListPage[];
  dayPages: DayPage[];
  tagPages: ListPage[];
  sourcePages: ListPage[];
  /** The tag index and the source index. */
  indexPages: IndexPage[];
  /** One page per story of two or more items. */
  storyPages: StoryPage[];
  /** Atom, RSS and JSON feeds of the site, each tag, each source and each story. */
  feedFiles: FeedFile[];
  /** Sitemaps and robots.txt, made from the whole site. */
  documents: SiteDocument[];
  /** The build that made this digest: the memos its pages are rendered with. */
  context: BuildContext;
}
