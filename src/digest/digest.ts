// Builds every index of the site once from the validated articles: the pages layouts render.
import type { DateTime } from "luxon";
import type { Article } from "../content/article.ts";
import { dateTimeFormatter, dayFormatter, isoInstant } from "../content/dates.ts";
import { ContentError } from "../content/errors.ts";
import type { ArticlePage, Digest, Image, Link, ListPage, Teaser } from "./view-model.ts";
import type { RelatedMatch } from "./related.ts";
import { memoRelated } from "./related-memo.ts";
import type { Settings } from "../content/settings.ts";
import { groupTerms, nameKeys } from "./taxonomy.ts";
import { type BuildContext, createBuildContext } from "./build-context.ts";
import { feedFilesFor, siteDocuments, storyFeedFiles } from "../formats/documents.ts";
import { coverageOf, showOnce, showOncePerDay, siteStories, storyPage } from "../stories/site-stories.ts";
import { feedFolder, homeUrl, pageUrl, sourcesUrl, sourceUrl, tagsUrl, tagUrl } from "./urls.ts";
import { type DigestMemo, reuse } from "./digest-memo.ts";
import { dayGroups, dayPagesOf, indexPage, linksByKey, paginate } from "./listings.ts";

// The memo's type moved to digest-memo.ts; importers of the digest keep finding it here.
export type { DigestMemo } from "./digest-memo.ts";

/** Newest first; equal times in URL order, so every listing is deterministic. */
export function byNewest(a: Article, b: Article): number {
  return b.date.toMillis() - a.date.toMillis() || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

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
  const articles = [...input].sort(byNewest);
  // An expired item keeps its page but leaves every listing: home, days, tags, sources, related lists.
  const isExpired = (a: Article) => now !== undefined && a.expires !== undefined && a.expires <= now;
  const listed = articles.filter((a) => !isExpired(a));
  const nameKey = nameKeys();
  const tags = groupTerms(listed, (a) => a.tags, "tags", nameKey);
  const sources = groupTerms(listed, (a) => (a.source === undefined ? [] : [a.source]), "source", nameKey);
  const stories = siteStories(listed, (memo.stories ??= {}));
  const problems = [...tags.problems, ...sources.problems];
  if (problems.length > 0) throw new ContentError(problems);

  const links = (memo.links ??= new Map());
  const tagLinks = linksByKey(tags.terms, tagUrl, links, nameKey);
  const sourceLinks = linksByKey(sources.terms, sourceUrl, links, nameKey);
  const tagLink = (name: string) => tagLinks.get(nameKey(name));
  // map, not flatMap: a list made at its length (flatMap's keeps room to grow, 150 bytes each, and a
  // 100,000-article digest makes 600,000 of them); an expired item's tag may have no link.
  const tagLinksOf = (names: readonly string[]) => {
    const links = names.map(tagLink);
    return links.includes(undefined) ? links.filter((l) => l !== undefined) : (links as Link[]);
  };
  const formatTime = dateTimeFormatter(settings.timeZone, settings.locale);
  const stamp = (date: Article["date"]) => ({ iso: isoInstant(date), text: formatTime(date) });
  const terms = JSON.stringify([settings.timeZone, settings.locale]);
  if (memo.terms !== terms) Object.assign(memo, { terms, teasers: new WeakMap(), pages: new WeakMap() });
  // A memo for one build only would remember 200,000 objects no one asks for again.
  const teaserMemo = memo.oneBuild ? undefined : (memo.teasers ??= new WeakMap());
  const sourceLabel = (name: string) => sourceLinks.get(nameKey(name))?.label ?? name;
  const teasers = new Map<Article, Teaser>();
  const teaser = (a: Article): Teaser => {
    const known = teasers.get(a);
    if (known) return known;
    const thumbnail = images.get(a);
    const coverage = coverageOf(a, stories, sourceLabel);
    const source = a.source === undefined ? undefined : sourceLinks.get(nameKey(a.source));
    const tagList = tagLinksOf(a.tags);
    // Links are shared objects (see DigestMemo.links): a teaser is made again only when its own links moved.
    const made = reuse(
      teaserMemo,
      a,
      () => [thumbnail, JSON.stringify(coverage), source, ...tagList],
      () => ({
        url: a.url,
        title: a.title,
        source,
        published: stamp(a.date),
        summary: a.summary,
        tags: tagList,
        draft: a.draft,
        thumbnail,
        coverage,
      }),
    );
    teasers.set(a, made);
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
  const link = (a: Article | undefined): Link | undefined => (a ? { url: a.url, label: a.title } : undefined);
  const pageMemo = memo.oneBuild ? undefined : (memo.pages ??= new WeakMap());

  // Related matches as the articles they name (an index is always in range: related is made from listed).
  const relatedOf = (found: readonly RelatedMatch[]) =>
    found.flatMap((m) => {
      const other = listed[m.index];
      return other ? [{ article: other, sharedTags: m.sharedTags }] : [];
    });
  const articlePage = (a: Article): ArticlePage => {
    const i = position.get(a);
    // The memoised list itself is an input: it keeps its identity while no article's tags or time changed.
    const found = i === undefined ? [] : (related[i] ?? []);
    const matches = relatedOf(found);
    const older = i === undefined ? undefined : listed[i + 1];
    const newer = i === undefined ? undefined : listed[i - 1];
    const expired = isExpired(a);
    const story = stories.of.get(a);
    // The other reports, newest first; an expired item's page keeps no story (it left every listing).
    const coverage = story
      ? [...story.members]
          .reverse()
          .filter((m) => m !== a)
          .map(teaser)
      : [];
    const inputs = () => [
      story?.url,
      ...coverage,
      teaser(a),
      a.summaryDerived === true,
      expired,
      images.get(a),
      // By value: a build makes each card's image object anew, naming the same file while the card is the same.
      JSON.stringify(cards.get(a)),
      older,
      newer,
      found,
      // The shared tags' links need no place here: each is a link of this article's own tags, in teaser(a).
      ...matches.map((m) => teaser(m.article)),
    ];
    return reuse(pageMemo, a, inputs, () => {
      // A correction is an update too: the page's modified time is the latest of both.
      const modified = [a.updated, ...(a.corrections ?? []).map((c) => c.date)].reduce<DateTime | undefined>(
        (m, d) => (d && (!m || d > m) ? d : m),
        undefined,
      );
      return {
        url: a.url,
        teaser: teaser(a),
        author: a.author,
        sourceUrl: a.sourceUrl,
        updated: modified ? stamp(modified) : undefined,
        expired: expired && a.expires ? stamp(a.expires) : undefined,
        corrections: (a.corrections ?? []).map((c) => ({ date: stamp(c.date), text: c.text })),
        image: images.get(a),
        card: cards.get(a),
        bodyHtml: a.bodyHtml,
        standfirst: a.summaryDerived !== true,
        bodyKey: a.bodyKey,
        related: matches.map((m) => ({ teaser: teaser(m.article), sharedTags: tagLinksOf(m.sharedTags) })),
        ...(story ? { story: { url: story.url, label: story.lead.title }, coverage } : {}),
        older: link(older),
        newer: link(newer),
      };
    });
  };
  const pageOf = new Map(articles.map((a) => [a, articlePage(a)]));
  const articlePages = [...pageOf.values()];
  const pageFor = (a: Article) => pageOf.get(a) ?? articlePage(a);
  const formatDay = dayFormatter(settings.locale);
  const groupDays = (list: readonly Article[]) => dayGroups(list, formatDay, teaser);
  const listing = (base: string, heading: string, list: readonly Article[], kind?: string) =>
    paginate(list, settings.pageSize, base).map(
      ({ items, pager }): ListPage => ({
        url: pageUrl(base, pager.number),
        heading,
        kind,
        groups: groupDays(items),
        pager,
        feedPath: kind ? feedFolder(base) : undefined,
      }),
    );
  const days = groupDays(showOncePerDay(listed, stories));
  const dayPages = dayPagesOf(days, listed);

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
    storyPages: stories.list.map((s) => storyPage(s, teaser)),
    feedFiles: [
      ...feedFilesFor(settings, listed, tags.terms, sources.terms, pageFor),
      ...storyFeedFiles(settings, stories.list, pageFor),
    ],
  };
  // Sitemaps are dated by the build: without a clock (tests of the indexes) the news sitemap is empty.
  return { ...digest, documents: siteDocuments(digest, now?.toJSDate() ?? new Date(0)) };
}
