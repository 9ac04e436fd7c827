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

/** nameKey() remembering its answers: a build asks it about the same few hundred names 100,000 times. */
export function nameKeys(): (name: string) => string {
  const known = new Map<string, string>();
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
