// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the entries as JSON.stringify writes them.
import { entryContent, type FeedChannel, type FeedItem, feedFiles, feedHome, feedSelf } from "./feed-model.ts";

/** A JSON Feed 1.1. */
export function renderJsonFeed(c: FeedChannel, items: readonly FeedItem[]): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: c.title,
    home_page_url: feedHome(c),
    feed_url: feedSelf(c, feedFiles.json),
    description: c.description,
    language: c.language,
    authors: [{ name: c.title, url: `${c.siteUrl}/` }],
    items: items.map((item) => ({
      id: item.id,
      url: item.url,
      external_url: item.source?.url,
      title: item.title,
      summary: item.summary,
      content_html: entryContent(item),
      image: item.image?.url,
      date_published: item.published.toISOString(),
      date_modified: item.updated.toISOString(),
      authors: item.author === undefined ? undefined : [{ name: item.author }],
      tags: item.tags,
    })),
  };
  return JSON.stringify(feed, null, 2);
}
