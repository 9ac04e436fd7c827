// The listing pages' parts: links of tags and sources, day groups, pagination, the index pages.
import type { Article } from "../content/article.ts";
import type { Term } from "./taxonomy.ts";
import { dayUrl, pageUrl } from "./urls.ts";
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

/** Each day's page from its group (newest day first), with how many of `listed` it dates and its neighbours. */
export function dayPagesOf(days: readonly DayGroup[], listed: readonly Article[]): DayPage[] {
  const perDay = new Map<string, number>();
  for (const a of listed) perDay.set(a.day, (perDay.get(a.day) ?? 0) + 1);
  return days.map((group, i) => ({
    url: group.url,
    group,
    articles: perDay.get(group.iso),
    later: dayLink(days[i - 1]),
    earlier: dayLink(days[i + 1]),
  }));
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
