// Feed files: Atom, RSS and JSON Feed of the site, each tag and each source.
import { feedItemsFrom, feedUpdated, renderFeeds } from "../src/formats/feeds.ts";
import { paged } from "./paged.ts";
import { memoSlot } from "../src/digest/build-context.ts";
import type { Digest, FeedFile, FeedSpec } from "../src/digest/view-model.ts";

// The three formats of one feed are rendered together, once per build, and let go once all three
// were taken: the digest lives to the end of the build, and so would every feed it keys.
const RENDERED = memoSlot(() => new WeakMap<FeedSpec, { formats: ReturnType<typeof renderFeeds>; left: number }>());

function render({ entry, digest }: { entry: FeedFile; digest: Digest }): string {
  const { feed } = entry;
  const rendered = digest.context.memo(RENDERED);
  let memo = rendered.get(feed);
  if (!memo) {
    const { settings } = digest;
    const items = feedItemsFrom(feed.pages, settings, { limit: feed.pages.length, content: feed.content });
    const channel = {
      title: feed.title,
      description: feed.description,
      siteUrl: settings.url,
      feedPath: feed.path,
      pagePath: feed.pagePath,
      language: settings.language,
    };
    const formats = renderFeeds({ ...channel, updated: feedUpdated(items, new Date(0)) }, items);
    memo = { formats, left: Object.keys(formats).length };
    rendered.set(feed, memo);
  }
  if (--memo.left === 0) rendered.delete(feed);
  return memo.formats[entry.format];
}

export default paged<FeedFile>("feedFiles", render);
