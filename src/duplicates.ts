// Probable duplicate items: two or more articles that link to the same original report.
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
  const byUrl = new Map<string, Article[]>();
  for (const article of articles) {
    if (article.sourceUrl === undefined) continue;
    const key = normaliseSourceUrl(article.sourceUrl);
    const list = byUrl.get(key);
    if (list) list.push(article);
    else byUrl.set(key, [article]);
  }
  const warnings: Problem[] = [];
  for (const article of articles) {
    const list = article.sourceUrl === undefined ? undefined : byUrl.get(normaliseSourceUrl(article.sourceUrl));
    if (!list || list.length < 2) continue;
    warnings.push({ file: article.file, field: "sourceUrl", message: duplicateMessage(list.filter((other) => other !== article)) });
  }
  return warnings;
}

/** The warning's sentence, naming the other items that link to the same report. */
export function duplicateMessage(others: readonly Article[]): string {
  const files = others.map((other) => other.file);
  const named = files.length === 1 ? files.join("") : `${files.slice(0, -1).join(", ")} and ${files.at(-1)}`;
  const verb = files.length === 1 ? "links" : "link";
  return `${named} also ${verb} to this report (${others[0]?.sourceUrl ?? ""}), so the items may be duplicates; merge them, or keep both if each adds something.`;
}
