// Builds every index of the site once from the validated articles: the pages layouts render.
import type { DateTime } from "luxon";
import type { Article } from "../content/article.ts";
import { dateTimeFormatter, dayFormatter, isoInstant } from "../content/dates.ts";
import { ContentError } from "../content/errors.ts";
import type { ArticlePage, Digest, Image } from "./view-model.ts";
import { memoRelated } from "./related-memo.ts";
import type { Settings } from "../content/settings.ts";
import { keptTerms, nameKeys } from "./taxonomy.ts";
import { type BuildContext, createBuildContext } from "./build-context.ts";
import { feedFilesFor, siteDocuments, storyFeedFiles } from "../formats/documents.ts";
import { showOnce, showOncePerDay, siteStories, storyPage } from "../stories/site-stories.ts";
import { homeUrl, sourcesUrl, sourceUrl, tagsUrl, tagUrl } from "./urls.ts";
import { type DigestMemo, type KeptByKey, type KeptPages, keepByKey, type LinkKeys, makeAnew } from "./digest-memo.ts";
import { dayPagesOf, indexPage, linksByKey, listPages } from "./listings.ts";
import { articleViews } from "./article-pages.ts";
import { newestFirst } from "./newest-first.ts";
import { bodyEdits, followBodyEdits } from "./body-edits.ts";
import type { KeepFeeds } from "../formats/documents.ts";

// The memo's type moved to digest-memo.ts; importers of the digest keep finding it here.
export type { DigestMemo } from "./digest-memo.ts";

/** The whole site's pages from its articles; throws ContentError when two tags or sources clash. */
export function buildDigest(
  settings: Settings,
  input: readonly Article[],
  images: ReadonlyMap<Article, Image> = new Map(),
  memo: DigestMemo = { oneBuild: true },
  now?: DateTime,
  cards: ReadonlyMap<Article, Image> = new Map(),
  context: BuildContext = createBuildContext(),
): Digest {
  // The dev server follows an edit of bodies only from its last digest; anything else takes the whole pass.
  const settingsKey = memo.oneBuild ? "" : JSON.stringify(settings);
  const { last: before } = memo;
  const edits = bodyEdits(before, settingsKey, input, images, cards, now);
  if (before && edits) return followBodyEdits(memo, before, edits, { input, images, cards }, now, context);
  const articles = newestFirst(input);
  // An expired item keeps its page but leaves every listing: home, days, tags, sources, related lists.
  const isExpired = (a: Article) => now !== undefined && a.expires !== undefined && a.expires <= now;
  const listed = articles.filter((a) => !isExpired(a));
  const nameKey = nameKeys(memo.oneBuild ? undefined : (memo.names ??= new Map()));
  const keepTerms = !memo.oneBuild;
  const tags = keptTerms(listed, (a) => a.tags, "tags", nameKey, keepTerms ? (memo.tags ??= {}) : undefined);
  const sources = keptTerms(
    listed,
    (a) => (a.source === undefined ? [] : [a.source]),
    "source",
    nameKey,
    keepTerms ? (memo.sources ??= {}) : undefined,
  );
  const stories = siteStories(listed, (memo.stories ??= {}));
  const problems = [...tags.problems, ...sources.problems];
  if (problems.length > 0) throw new ContentError(problems);

  const links = (memo.links ??= new Map());
  const tagLinks = linksByKey(tags.terms, tagUrl, links, nameKey);
  const sourceLinks = linksByKey(sources.terms, sourceUrl, links, nameKey);
  const formatTime = dateTimeFormatter(settings.timeZone, settings.locale);
  const terms = JSON.stringify([settings.timeZone, settings.locale]);
  if (memo.terms !== terms)
    Object.assign(memo, { terms, teasers: new WeakMap(), pages: new WeakMap(), kept: undefined });
  // Each article's keys, by object: an unchanged article's are found once per server, not once per build.
  const keysMemo = memo.oneBuild ? undefined : (memo.linkKeys ??= new WeakMap());
  const linkKeys = (a: Article): LinkKeys => {
    const known = keysMemo?.get(a);
    if (known) return known;
    const made = { tags: a.tags.map(nameKey), source: a.source === undefined ? undefined : nameKey(a.source) };
    keysMemo?.set(a, made);
    return made;
  };
  const position = new Map(listed.map((a, i) => [a, i]));
  // A story is named by its oldest report's place in the list: the same stories give the same
  // numbers whatever other stories came or went, so an edit elsewhere leaves the related inputs equal.
  const storyNumber = (a: Article) => {
    const oldest = stories.of.get(a)?.members[0];
    return oldest === undefined ? undefined : position.get(oldest);
  };
  const related = memoRelated(
    listed.map((a) => ({ url: a.url, time: a.date.toMillis(), tags: a.tags, source: a.source, story: storyNumber(a) })),
    { count: settings.relatedCount, perSource: settings.relatedPerSource },
    (memo.related ??= {}),
  );
  const { teaser, articlePage } = articleViews(
    {
      listed,
      position,
      related,
      stories,
      images,
      cards,
      sourceLinks,
      tagLinks,
      nameKey,
      linkKeys,
      sourceLabel: (name) => sourceLinks.get(nameKey(name))?.label ?? name,
      isExpired,
      stamp: (date) => ({ iso: isoInstant(date), text: formatTime(date) }),
    },
    memo,
  );
  const pageOf = new Map(articles.map((a) => [a, articlePage(a)]));
  const articlePages = [...pageOf.values()];
  const pageFor = (a: Article) => pageOf.get(a) ?? articlePage(a);
  const formatDay = dayFormatter(settings.locale);
  // Listings, days and feeds kept by URL from the dev server's last build; a production build keeps none.
  const last = memo.kept;
  const kept: KeptPages = {};
  const keepBy = <T>(lastOf: KeptByKey<T> | undefined, now: KeptByKey<T>) =>
    memo.oneBuild ? undefined : keepByKey(lastOf, now);
  const keepList = keepBy(last?.lists, (kept.lists = new Map()));
  const listing = (base: string, heading: string, list: readonly Article[], kind?: string) =>
    listPages(list, { base, heading, kind, size: settings.pageSize }, formatDay, teaser, keepList);
  const keepStory = keepBy(last?.stories, (kept.stories = new Map())) ?? makeAnew;
  const keepFeeds = {
    feeds: keepBy(last?.feeds, (kept.feeds = new Map())) ?? makeAnew,
    files: keepBy(last?.feedFiles, (kept.feedFiles = new Map())) ?? makeAnew,
  };
  const feeds = (pageOf: (a: Article) => ArticlePage, keep: KeepFeeds) => [
    ...feedFilesFor(settings, listed, tags.terms, sources.terms, pageOf, undefined, keep),
    ...storyFeedFiles(settings, stories.list, pageOf, undefined, keep),
  ];
  const dayPages = dayPagesOf(
    showOncePerDay(listed, stories),
    listed,
    formatDay,
    teaser,
    keepBy(last?.groups, (kept.groups = new Map())),
    keepBy(last?.days, (kept.days = new Map())),
  );

  const digest = {
    settings,
    context,
    articlePages,
    homePages: listing(homeUrl, settings.title, showOnce(listed, stories)),
    dayPages,
    tagPages: tags.terms.flatMap((t) => listing(tagUrl(t.slug), t.label, showOnce(t.articles, stories), "Tag")),
    sourcePages: sources.terms.flatMap((t) =>
      listing(sourceUrl(t.slug), t.label, showOnce(t.articles, stories), "Source"),
    ),
    indexPages: [
      indexPage(tagsUrl, "Tags", tags.terms, tagUrl),
      indexPage(sourcesUrl, "Sources", sources.terms, sourceUrl),
    ],
    // A story page shows its lead's title and the teasers of its reports.
    storyPages: stories.list.map((s) =>
      keepStory(
        s.url,
        (put) => put(s.lead.title) && put(teaser(s.lead)) && s.members.every((m) => put(teaser(m))),
        () => storyPage(s, teaser),
      ),
    ),
    feedFiles: feeds(pageFor, keepFeeds),
  };
  if (!memo.oneBuild) memo.kept = kept;
  // Sitemaps are dated by the build: without a clock (tests of the indexes) the news sitemap is empty.
  const sitemaps = memo.oneBuild ? undefined : (kept.sitemaps = last?.sitemaps ?? {});
  const made = { ...digest, documents: siteDocuments(digest, now?.toJSDate() ?? new Date(0), sitemaps) };
  if (!memo.oneBuild)
    memo.last = {
      settings: settingsKey,
      input,
      held: input,
      sorted: articles,
      images,
      cards,
      now,
      digest: made,
      feeds,
    };
  return made;
}
