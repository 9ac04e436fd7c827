// Tags and sources: grouping articles under a name that authors may spell in different cases.
import { type Article, nameKey } from "../content/article.ts";
import type { Problem } from "../content/errors.ts";
import { slugify } from "./slug.ts";

/** One tag or source with its articles, newest first. */
export interface Term {
  /** The most common spelling among the articles (ties: the alphabetically first). */
  label: string;
  slug: string;
  articles: Article[];
}

/**
 * nameKey() remembering its answers in `known`: a build asks it about the same few hundred names
 * 100,000 times. The dev server keeps `known` between builds, so that a name's key is the very same
 * string each time, found in a Map without comparing its letters.
 */
export function nameKeys(known = new Map<string, string>()): (name: string) => string {
  return (name) => {
    let key = known.get(name);
    if (key === undefined) known.set(name, (key = nameKey(name)));
    return key;
  };
}

/**
 * Groups `articles` (already newest first) by the names `namesOf` gives, case-insensitively.
 * Returns the terms sorted by count (most first), then label; and a problem for each pair of
 * different names that would share a URL slug.
 */
export function groupTerms(
  articles: readonly Article[],
  namesOf: (a: Article) => readonly string[],
  field: string,
  keyOf: (name: string) => string = nameKey,
): { terms: Term[]; problems: Problem[] } {
  const groups = new Map<string, { spellings: Map<string, number>; articles: Article[] }>();
  for (const article of articles) {
    for (const name of namesOf(article)) {
      const key = keyOf(name);
      const group = groups.get(key) ?? { spellings: new Map<string, number>(), articles: [] as Article[] };
      group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
      group.articles.push(article);
      groups.set(key, group);
    }
  }
  const terms = [...groups].map(([key, { spellings, articles }]) => {
    // A group has at least one spelling: the one that made it (`?? key` never applies).
    const label = [...spellings].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0]?.[0] ?? key;
    return { label, slug: slugify(label), articles };
  });
  terms.sort((a, b) => b.articles.length - a.articles.length || compare(a.label, b.label));
  return { terms, problems: slugClashes(terms, namesOf, field) };
}

/** The last build's grouping of a field, which the dev server's next build may keep (see keptTerms). */
export interface TermsMemo {
  articles?: readonly Article[];
  grouped?: { terms: Term[]; problems: Problem[] };
}

/**
 * groupTerms(), or with a memo the last build's grouping when the same articles, in the same order,
 * carry the same names: an article read again (a new object) takes its old object's place in its
 * terms' lists, and every other term stays the very same object.
 */
export function keptTerms(
  articles: readonly Article[],
  namesOf: (a: Article) => readonly string[],
  field: string,
  keyOf: (name: string) => string,
  memo?: TermsMemo,
): { terms: Term[]; problems: Problem[] } {
  const last = memo?.articles;
  const grouped = memo?.grouped;
  // A grouping with problems stops the build: the next one groups again, and says them again.
  let same = last !== undefined && grouped?.problems.length === 0 && last.length === articles.length;
  const replaced = new Map<Article, Article>();
  for (let i = 0; same && last && i < articles.length; i++) {
    const [now, before] = [articles[i], last[i]];
    if (now === before || now === undefined || before === undefined) continue;
    if (sameNames(namesOf(now), namesOf(before))) replaced.set(before, now);
    else same = false;
  }
  const result =
    same && grouped
      ? replaced.size === 0
        ? grouped
        : {
            terms: grouped.terms.map((t) =>
              t.articles.some((a) => replaced.has(a))
                ? { ...t, articles: t.articles.map((a) => replaced.get(a) ?? a) }
                : t,
            ),
            problems: [],
          }
      : groupTerms(articles, namesOf, field, keyOf);
  if (memo) Object.assign(memo, { articles, grouped: result });
  return result;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

function slugClashes(terms: readonly Term[], namesOf: (a: Article) => readonly string[], field: string): Problem[] {
  const bySlug = new Map<string, Term[]>();
  for (const term of terms) bySlug.set(term.slug, [...(bySlug.get(term.slug) ?? []), term]);
  return [...bySlug.values()]
    .filter((clash) => clash.length > 1)
    .flatMap((clash) =>
      clash.flatMap((term) => {
        const article = term.articles.at(-1);
        if (!article) return [];
        const others = clash
          .filter((t) => t !== term)
          .map((t) => `"${t.label}"`)
          .join(", ");
        const named = namesOf(article).find((n) => nameKey(n) === nameKey(term.label)) ?? term.label;
        return [
          {
            file: article.file,
            field,
            message: `"${named}" and ${others} would share the URL slug "${term.slug}"; rename one of them`,
          },
        ];
      }),
    );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
