// The site's files that are not pages: feeds of the site, each tag and each source; sitemaps; robots.txt.
import type { Article } from "../content/article.ts";
import { feedFiles as FEED_FILE_NAMES } from "./feeds.ts";
import type { ArticlePage, Digest, FeedContent, FeedFile, FeedSpec, SiteDocument } from "../digest/view-model.ts";
import type { Settings } from "../content/settings.ts";
import { newsItems, newsLanguage, renderNewsSitemap } from "./news-sitemap.ts";
import { renderRobots, type SitemapMemo, siteSitemaps, sitemapPaths } from "./sitemap.ts";
import type { Term } from "../digest/taxonomy.ts";
import { type Keep, makeAnew } from "../digest/digest-memo.ts";
import { feedFolder, feedsUrl, homeUrl, sourceUrl, tagUrl } from "../digest/urls.ts";

/** How long feeds are. */
export interface FeedLengths {
  /** Entries in the whole site's feeds. Default 50. */
  site: number;
  /** Entries in each tag's and source's feeds. Default 20. */
  term: number;
}

/** Default feed lengths. */
export const feedLengthDefaults = { site: 50, term: 20 } satisfies FeedLengths;

const FORMATS = ["atom", "rss", "json"] as const;

/** How a build keeps feeds from the last (the dev server's): by path, while their entries are the same pages. */
export interface KeepFeeds {
  feeds: Keep<FeedSpec>;
  files: Keep<FeedFile>;
}

/** A build that keeps no feed. */
const keepNone: KeepFeeds = { feeds: makeAnew, files: makeAnew };

/** The feed in `spec`'s three formats, each file kept while its feed is the same object. */
function formatsOf(feed: FeedSpec, keep: KeepFeeds): FeedFile[] {
  return FORMATS.map((format) => {
    const url = `${feed.path}${FEED_FILE_NAMES[format]}`;
    return keep.files(
      url,
      (put) => put(format) && put(feed),
      () => ({ url, format, feed }),
    );
  });
}

/** `made`, or the last build's feed at its path when it shows the same pages with the same words. */
function keptFeed(made: FeedSpec, keep: KeepFeeds): FeedSpec {
  const { path, pagePath, title, description, content, pages } = made;
  const visit = (put: (input: unknown) => boolean) =>
    put(pagePath) && put(title) && put(description) && put(content) && pages.every(put);
  return keep.feeds(path, visit, () => made);
}

/** Every feed file: the site's newest articles, and each tag's and source's. */
export function feedFilesFor(
  settings: Settings,
  listed: readonly Article[],
  tags: readonly Term[],
  sources: readonly Term[],
  pageOf: (a: Article) => ArticlePage,
  lengths: FeedLengths = feedLengthDefaults,
  keep: KeepFeeds = keepNone,
): FeedFile[] {
  const spec = (
    path: string,
    pagePath: string,
    title: string,
    description: string,
    list: readonly Article[],
    length: number,
    content: FeedContent,
  ): FeedSpec => ({
    path,
    pagePath,
    title,
    description,
    pages: list
      .filter((a) => !a.draft)
      .slice(0, length)
      .map(pageOf),
    content,
  });
  // The site's feed carries whole articles. A reader following a tag or a source gets summaries
  // linking to the page: the same story would otherwise be copied into every feed it is listed in
  // (at 10,000 articles, 150 MB of feeds instead of 10 MB).
  const term = (t: Term, url: string, description: string) =>
    spec(feedFolder(url), url, `${settings.title}: ${t.label}`, description, t.articles, lengths.term, "summary");
  const specs = [
    spec(feedsUrl, homeUrl, settings.title, settings.description, listed, lengths.site, "full"),
    ...tags.map((t) => term(t, tagUrl(t.slug), `The newest articles tagged ${t.label}.`)),
    ...sources.map((t) => term(t, sourceUrl(t.slug), `The newest articles from ${t.label}.`)),
  ];
  return specs.flatMap((feed) => formatsOf(keptFeed(feed, keep), keep));
}

/** Atom, RSS and JSON feeds of each story, newest report first, so a reader can follow it. */
export function storyFeedFiles(
  settings: Settings,
  stories: readonly { url: string; lead: Article; members: readonly Article[] }[],
  pageOf: (a: Article) => ArticlePage,
  lengths: FeedLengths = feedLengthDefaults,
  keep: KeepFeeds = keepNone,
): FeedFile[] {
  return stories.flatMap((s) => {
    const feed: FeedSpec = {
      path: feedFolder(s.url),
      pagePath: s.url,
      title: `${settings.title}: ${s.lead.title}`,
      description: `Every report of this story, newest first.`,
      pages: [...s.members]
        .reverse()
        .filter((a) => !a.draft)
        .slice(0, lengths.term)
        .map(pageOf),
      content: "summary",
    };
    return formatsOf(keptFeed(feed, keep), keep);
  });
}

/**
 * sitemap.xml (an index of parts on a large site), the news sitemap of the last two days before `now`,
 * and robots.txt naming both; with a memo (the dev server's), sitemaps are made again only when a URL or lastmod moved
 * (`entriesAsBefore`: the caller knows none did, as after a body edit).
 */
export function siteDocuments(
  digest: Omit<Digest, "documents">,
  now: Date,
  memo?: SitemapMemo,
  entriesAsBefore = false,
): SiteDocument[] {
  const { settings } = digest;
  const news = newsItems(digest.articlePages, now, undefined, memo);
  return [
    // One sitemap.xml, or past 50,000 URLs an index of parts: a 100,000-article site has about 150,000 pages.
    ...siteSitemaps({ ...digest, documents: [] }, settings.url, memo, entriesAsBefore),
    {
      url: sitemapPaths.news,
      content: renderNewsSitemap(
        news,
        { name: settings.title, language: newsLanguage(settings.language) },
        settings.url,
      ),
    },
    { url: "/robots.txt", content: renderRobots(settings.url, [sitemapPaths.sitemap, sitemapPaths.news]) },
  ];
}
