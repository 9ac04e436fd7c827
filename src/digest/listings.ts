// The listing pages' parts: links of tags and sources, day groups, pagination, the index pages.
import type { Article } from "../content/article.ts";
import { type Keep, makeAnew } from "./digest-memo.ts";
import type { Term } from "./taxonomy.ts";
import { dayUrl, feedFolder, pageUrl } from "./urls.ts";
import type { DayGroup, DayPage, IndexPage, Link, ListPage, Teaser } from "./view-model.ts";

/** Each term's link, keyed by the case-insensitive name every spelling of it shares. */
export function linksByKey(
  terms: readonly Term[],
  urlOf: (slug: string) => string,
  known: Map<string, Link>,
  nameKey: (name: string) => string,
): Map<string, Link> {
  return new Map(
    terms.map((t) => {
      const link = { url: urlOf(t.slug), label: t.label };
      const id = JSON.stringify([link.url, link.label]);
      const same = known.get(id) ?? link;
      known.set(id, same);
      return [nameKey(t.label), same];
    }),
  );
}

/** Consecutive articles (already newest first) grouped under their publication day. */
export function dayGroups(
  list: readonly Article[],
  formatDay: (day: string) => string,
  teaser: (a: Article) => Teaser,
): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const article of list) {
    const last = groups[groups.length - 1];
    if (last?.iso === article.day) last.items.push(teaser(article));
    else
      groups.push({
        heading: formatDay(article.day),
        url: dayUrl(article.day),
        iso: article.day,
        items: [teaser(article)],
      });
  }
  return groups;
}

/** A link to a day's page, or undefined past the first or last day. */
export function dayLink(group: DayGroup | undefined): Link | undefined {
  return group ? { url: group.url, label: group.heading } : undefined;
}

/**
 * Each day's page (newest day first) from `list`, the articles shown (already newest first, each
 * story once a day), with how many of `listed` it dates and its neighbours. A group or page is kept
 * while its heading, its teasers and its neighbours' links are the same.
 */
export function dayPagesOf(
  list: readonly Article[],
  listed: readonly Article[],
  formatDay: (day: string) => string,
  teaser: (a: Article) => Teaser,
  keepGroup: Keep<DayGroup> = makeAnew,
  keepPage: Keep<DayPage> = makeAnew,
): DayPage[] {
  const perDay = new Map<string, number>();
  for (const a of listed) perDay.set(a.day, (perDay.get(a.day) ?? 0) + 1);
  const runs: Article[][] = [];
  for (const a of list) {
    const run = runs[runs.length - 1];
    if (run?.[0]?.day === a.day) run.push(a);
    else runs.push([a]);
  }
  // A run holds one article at least: the one that started it.
  const days = runs.map((run) => {
    const iso = run[0]?.day ?? "";
    const heading = formatDay(iso);
    const url = dayUrl(iso);
    return keepGroup(
      url,
      (put) => put(heading) && run.every((a) => put(teaser(a))),
      () => ({ heading, url, iso, items: run.map(teaser) }),
    );
  });
  return days.map((group, i) => {
    const [later, earlier, articles] = [days[i - 1], days[i + 1], perDay.get(group.iso)];
    return keepPage(
      group.url,
      (put) =>
        put(group) &&
        put(articles) &&
        put(later?.url) &&
        put(later?.heading) &&
        put(earlier?.url) &&
        put(earlier?.heading),
      () => ({ url: group.url, group, articles, later: dayLink(later), earlier: dayLink(earlier) }),
    );
  });
}

/** A listing's pages (`list` already newest first, split by `size`), each kept while its heading and teasers are the same. */
export function listPages(
  list: readonly Article[],
  listing: { base: string; heading: string; kind?: string | undefined; size: number },
  formatDay: (day: string) => string,
  teaser: (a: Article) => Teaser,
  keep: Keep<ListPage> = makeAnew,
): ListPage[] {
  const { base, heading, kind, size } = listing;
  return paginate(list, size, base).map(({ items, pager }) => {
    const url = pageUrl(base, pager.number);
    // The same teaser is the same article: its day, and so the page's groups, are the same too.
    return keep(
      url,
      (put) =>
        put(heading) &&
        put(kind) &&
        put(base) &&
        put(pager.number) &&
        put(pager.count) &&
        items.every((a) => put(teaser(a))),
      () => ({
        url,
        heading,
        kind,
        groups: dayGroups(items, formatDay, teaser),
        pager,
        feedPath: kind ? feedFolder(base) : undefined,
      }),
    );
  });
}

/** Splits a list into pages of `size`, with the URLs of the neighbouring pages. */
export function paginate<T>(
  list: readonly T[],
  size: number,
  base: string,
): { items: T[]; pager: ListPage["pager"] }[] {
  const count = Math.max(1, Math.ceil(list.length / size));
  return Array.from({ length: count }, (_, i) => ({
    items: list.slice(i * size, (i + 1) * size),
    pager: {
      number: i + 1,
      count,
      previous: i > 0 ? pageUrl(base, i) : undefined,
      next: i + 1 < count ? pageUrl(base, i + 2) : undefined,
    },
  }));
}

/** The page listing every tag or source with its count. */
export function indexPage(
  url: string,
  heading: string,
  terms: readonly Term[],
  urlOf: (slug: string) => string,
): IndexPage {
  return {
    url,
    heading,
    entries: terms.map((t) => ({ url: urlOf(t.slug), label: t.label, count: t.articles.length })),
  };
}
