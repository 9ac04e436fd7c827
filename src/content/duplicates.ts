// Duplicate items: two or more articles that give the same URL (an error), or that link to the same
// original report (probably one item twice).
import type { Article } from "./article.ts";
import type { Problem } from "./errors.ts";

// Campaign tracking (`utm_source`, `utm_medium`, …) differs between copies of one link; nothing else does.
const TRACKING_PARAMETER = /^utm_/i;

/**
 * The form in which two links to one report are equal: scheme and host lowercase, no `#fragment`,
 * no `utm_*` query parameters, no trailing slash. Text that is no URL is only trimmed.
 */
export function normaliseSourceUrl(url: string): string {
  let parsed: URL;
  try {
    // The URL parser lowercases the scheme and host and drops a default port.
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  // Kept as written rather than re-encoded through URLSearchParams, which would turn %20 into +.
  const query = parsed.search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "" && !TRACKING_PARAMETER.test(pair))
    .join("&");
  const path = parsed.pathname.replace(/\/+$/, "");
  return `${parsed.protocol}//${parsed.host}${path}${query === "" ? "" : `?${query}`}`;
}

/** One warning per item whose `sourceUrl` another item also links to, naming the other file(s). */
export function duplicateSources(articles: readonly Article[]): Problem[] {
  const keys = articles.map((article) =>
    article.sourceUrl === undefined ? undefined : normaliseSourceUrl(article.sourceUrl),
  );
  const byUrl = new Map<string, Article[]>();
  articles.forEach((article, i) => {
    const key = keys[i];
    if (key === undefined) return;
    const group = byUrl.get(key);
    if (group) group.push(article);
    else byUrl.set(key, [article]);
  });
  return articles.flatMap((article, i) => {
    const key = keys[i];
    const others = (key === undefined ? [] : (byUrl.get(key) ?? [])).filter((other) => other !== article);
    return others.length === 0
      ? []
      : [{ file: article.file, field: "sourceUrl", message: duplicateMessage(others.map((other) => other.file)) }];
  });
}

/** The warning's sentence for an item that links to the same report as the `others` files. */
export function duplicateMessage(others: readonly string[]): string {
  const named = others.length <= 1 ? others.join("") : `${others.slice(0, -1).join(", ")} and ${others.at(-1)}`;
  return `links to the same report as ${named}, so the items may be duplicates; merge them, or keep both if each adds something new.`;
}

/** One problem for each article whose URL another article gives too, naming the others. */
export function duplicateUrls(articles: readonly Article[]): Problem[] {
  // A list only for a URL given twice: one per article was 100,000 arrays a dev rebuild.
  const first = new Map<string, Article>();
  const byUrl = new Map<string, Article[]>();
  for (const article of articles) {
    const earlier = first.get(article.url);
    if (earlier === undefined) first.set(article.url, article);
    else byUrl.set(article.url, [...(byUrl.get(article.url) ?? [earlier]), article]);
  }
  return [...byUrl.values()].flatMap((list) =>
    list.map((a) => ({
      file: a.file,
      field: "slug",
      message: `gives the URL ${a.url}, which ${list
        .filter((b) => b !== a)
        .map((b) => b.file)
        .join(" and ")} also gives; change the slug or the file name of one of them`,
    })),
  );
}
