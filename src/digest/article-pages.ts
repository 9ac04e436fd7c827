// Each article's teaser and page, made once per build, and kept by the dev server while what they show is the same.
import type { DateTime } from "luxon";
import type { Article } from "../content/article.ts";
import type { SiteStories } from "../stories/site-stories.ts";
import { coverageOf } from "../stories/site-stories.ts";
import type { DigestMemo, LinkKeys, Visit } from "./digest-memo.ts";
import { reuse } from "./digest-memo.ts";
import type { RelatedMatch } from "./related.ts";
import type { ArticlePage, Image, Link, Teaser, TimeStamp } from "./view-model.ts";

/** What an article's teaser and page are made from, besides the article itself. */
export interface ArticleParts {
  /** Every article listed (not expired), newest first; related matches index it. */
  listed: readonly Article[];
  /** Each listed article's place in `listed`. */
  position: ReadonlyMap<Article, number>;
  /** Each listed article's related matches, by place. */
  related: readonly (readonly RelatedMatch[] | undefined)[];
  stories: SiteStories;
  images: ReadonlyMap<Article, Image>;
  cards: ReadonlyMap<Article, Image>;
  /** Each source's link by its key (nameKey). */
  sourceLinks: ReadonlyMap<string, Link>;
  /** Each tag's link by its key (nameKey); an expired item's tag may have none. */
  tagLinks: ReadonlyMap<string, Link>;
  /** An article's tags' and source's keys (nameKey). */
  linkKeys: (a: Article) => LinkKeys;
  /** A tag's or source's key from its name as an author spelled it. */
  nameKey: (name: string) => string;
  /** A source's label by its name as an author spelled it. */
  sourceLabel: (name: string) => string;
  isExpired: (a: Article) => boolean;
  stamp: (date: DateTime) => TimeStamp;
}

/** An image's fields one by one: a build makes each card's object anew, naming the same file while the card is the same. */
function visitImage(image: Image | undefined, put: (input: unknown) => boolean): boolean {
  if (image === undefined) return put(undefined);
  const { url, alt, width, height, srcset, sources, credit, title } = image;
  return (
    put(url) &&
    put(alt) &&
    put(width) &&
    put(height) &&
    put(srcset) &&
    put(sources === undefined ? undefined : JSON.stringify(sources)) &&
    put(credit) &&
    put(title)
  );
}

/**
 * The teaser and page of each article. With a memo kept between builds (the dev server's), a teaser
 * or page whose inputs are the very same objects as the build before's is that build's object.
 */
export function articleViews(
  parts: ArticleParts,
  memo: DigestMemo,
): { teaser: (a: Article) => Teaser; articlePage: (a: Article) => ArticlePage } {
  const { listed, position, related, stories, images, cards, sourceLinks, tagLinks, linkKeys, isExpired, stamp } =
    parts;
  // A memo for one build only would remember 200,000 objects no one asks for again.
  const teaserMemo = memo.oneBuild ? undefined : (memo.teasers ??= new WeakMap());
  const pageMemo = memo.oneBuild ? undefined : (memo.pages ??= new WeakMap());
  // map, not flatMap: a list made at its length (flatMap's keeps room to grow, 150 bytes each, and a
  // 100,000-article digest makes 600,000 of them).
  const tagLinksOf = (names: readonly string[], keyOf: (name: string) => string) => {
    const links = names.map((name) => tagLinks.get(keyOf(name)));
    return links.includes(undefined) ? links.filter((l) => l !== undefined) : (links as Link[]);
  };
  const itself = (key: string) => key;
  const teasers = new Map<Article, Teaser>();
  const teaser = (a: Article): Teaser => {
    const known = teasers.get(a);
    if (known) return known;
    const thumbnail = images.get(a);
    const coverage = coverageOf(a, stories, parts.sourceLabel);
    const keys = linkKeys(a);
    const source = keys.source === undefined ? undefined : sourceLinks.get(keys.source);
    // Links are shared objects (see DigestMemo.links): a teaser is made again only when its own links moved.
    const visit: Visit = (put) =>
      put(thumbnail) &&
      put(coverage === undefined ? undefined : JSON.stringify(coverage)) &&
      put(source) &&
      keys.tags.every((key) => put(tagLinks.get(key)));
    const made = reuse(teaserMemo, a, visit, () => ({
      url: a.url,
      title: a.title,
      source,
      published: stamp(a.date),
      summary: a.summary,
      tags: tagLinksOf(keys.tags, itself),
      draft: a.draft,
      thumbnail,
      coverage,
    }));
    teasers.set(a, made);
    return made;
  };
  const link = (a: Article | undefined): Link | undefined => (a ? { url: a.url, label: a.title } : undefined);
  const articlePage = (a: Article): ArticlePage => {
    const i = position.get(a);
    // The memoised list itself is an input: it keeps its identity while no article's tags or time changed.
    const found = i === undefined ? [] : (related[i] ?? []);
    const older = i === undefined ? undefined : listed[i + 1];
    const newer = i === undefined ? undefined : listed[i - 1];
    const expired = isExpired(a);
    const story = stories.of.get(a);
    // The other reports, newest first; an expired item's page keeps no story (it left every listing).
    const others = story ? [...story.members].reverse().filter((m) => m !== a) : [];
    // Related matches index `listed`, which related was made from: an index is always in range.
    const relatedArticle = (m: RelatedMatch) => listed[m.index];
    const visit: Visit = (put) =>
      put(story?.url) &&
      others.every((m) => put(teaser(m))) &&
      put(teaser(a)) &&
      put(a.summaryDerived === true) &&
      put(expired) &&
      put(images.get(a)) &&
      visitImage(cards.get(a), put) &&
      put(older) &&
      put(newer) &&
      put(found) &&
      // The shared tags' links need no place here: each is a link of this article's own tags, in teaser(a).
      found.every((m) => {
        const other = relatedArticle(m);
        return put(other === undefined ? undefined : teaser(other));
      });
    return reuse(pageMemo, a, visit, () => {
      // A correction is an update too: the page's modified time is the latest of both.
      const modified = [a.updated, ...(a.corrections ?? []).map((c) => c.date)].reduce<DateTime | undefined>(
        (m, d) => (d && (!m || d > m) ? d : m),
        undefined,
      );
      const coverage = others.map(teaser);
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
        related: found.flatMap((m) => {
          const other = relatedArticle(m);
          return other ? [{ teaser: teaser(other), sharedTags: tagLinksOf(m.sharedTags, parts.nameKey) }] : [];
        }),
        ...(story ? { story: { url: story.url, label: story.lead.title }, coverage } : {}),
        older: link(older),
        newer: link(newer),
      };
    });
  };
  return { teaser, articlePage };
}
