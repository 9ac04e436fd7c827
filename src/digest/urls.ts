// Every URL the site produces is built here, and only here. All end in `/`.

/** An article: `/YYYY/MM/DD/<slug>/`, the day being the publication day in the site's zone. */
export function articleUrl(day: string, slug: string): string {
  return `${dayUrl(day)}${slug}/`;
}

/** A daily digest: `/YYYY/MM/DD/` for a YYYY-MM-DD day. */
export function dayUrl(day: string): string {
  return `/${day.replaceAll("-", "/")}/`;
}

/** Page `n` (1-based) of a paginated listing whose first page is `base`. */
export function pageUrl(base: string, n: number): string {
  return n <= 1 ? base : `${base}page/${n}/`;
}

/** The home page. */
export const homeUrl = "/";
/** The index of all tags. */
export const tagsUrl = "/tags/";
/** The index of all sources. */
export const sourcesUrl = "/sources/";
/** The search page. */
export const searchUrl = "/search/";
/** The folder of the search index Pagefind writes, and of its browser script `pagefind.js`. */
export const searchIndexUrl = "/pagefind/";
/** The folder of the whole site's feeds. */
export const feedsUrl = "/feeds/";

/** The folder of a listing's feeds: `/tags/climate/` → `/tags/climate/feeds/`. */
export function feedFolder(listingUrl: string): string {
  return `${listingUrl}feeds/`;
}

/** First page of one tag's listing. */
export function tagUrl(slug: string): string {
  return `${tagsUrl}${slug}/`;
}

/** First page of one source's listing. */
export function sourceUrl(slug: string): string {
  return `${sourcesUrl}${slug}/`;
}

/** The folder of story pages. */
export const storiesUrl = "/stories/";

/** One story's page: `/stories/<slug>/`. */
export function storyUrl(slug: string): string {
  return `${storiesUrl}${slug}/`;
}

/** Output file for a URL: `/a/b/` → `a/b/index.html`; a URL naming a file keeps its name. */
export function outputPathFor(url: string): string {
  const path = url.replace(/^\//, "");
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}
