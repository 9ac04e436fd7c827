// The page shell every layout shares: head, skip link, header with navigation, footer.
import { html, type SafeHtml } from "../src/formats/html.ts";
import type { Settings } from "../src/content/settings.ts";
import type { BuildContext } from "../src/digest/build-context.ts";
import type { PageMeta } from "../src/formats/structured-data.ts";
import { asset } from "./assets.ts";
import { metaTags } from "./meta.ts";
import { feedFiles } from "../src/formats/feeds.ts";
import { feedsUrl, homeUrl, searchUrl, sourcesUrl, tagsUrl } from "../src/digest/urls.ts";

/** What a layout tells the shell about its page. */
export interface Shell {
  settings: Settings;
  /** The build rendering the page: the asset files it links to are this build's. */
  context: BuildContext;
  /** The page's own title; the site title is appended. Absent on the home page. */
  title?: string | undefined;
  description?: string | undefined;
  url: string;
  main: SafeHtml;
  /** Open Graph and JSON-LD data; a plain website page without it. */
  meta?: PageMeta | undefined;
  /** The page's own feeds (a tag's, a source's), offered besides the site's. */
  feed?: { title: string; path: string } | undefined;
  /** More elements for the page's head, such as the search page's scripts. */
  head?: SafeHtml | undefined;
}

const MAX_TITLE = 70;

const NAV = [
  { url: homeUrl, label: "Latest" },
  { url: tagsUrl, label: "Tags" },
  { url: sourcesUrl, label: "Sources" },
];

/** A complete HTML document around a page's main content. */
export function shell({ settings, context, title, description, url, main, meta, feed, head }: Shell): string {
  // Search engines show about 70 characters: a long headline goes without the site's name.
  const fullTitle = !title
    ? settings.title
    : `${title} · ${settings.title}`.length > MAX_TITLE
      ? title
      : `${title} · ${settings.title}`;
  return `<!DOCTYPE html>\n${html`<html lang="${settings.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${description ?? settings.description}">
<meta name="color-scheme" content="light dark">
<link rel="canonical" href="${settings.url}${url}">
${metaTags(settings, title ?? settings.title, description ?? settings.description, `${settings.url}${url}`, meta)}
${[{ title: settings.title, path: feedsUrl }, ...(feed ? [feed] : [])].map(
  (
    f,
  ) => html`<link rel="alternate" type="application/atom+xml" title="${f.title} (Atom)" href="${f.path}${feedFiles.atom}">
<link rel="alternate" type="application/rss+xml" title="${f.title} (RSS)" href="${f.path}${feedFiles.rss}">
<link rel="alternate" type="application/feed+json" title="${f.title} (JSON Feed)" href="${f.path}${feedFiles.json}">
`,
)}<link rel="icon" type="image/svg+xml" href="${asset(context, "favicon.svg").url}">
<link rel="stylesheet" href="${asset(context, "site.css").url}">
<script type="module" src="${asset(context, "relative-time.js").url}"></script>
${head ?? ""}</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<div class="wrap">
<a class="site-title" href="${homeUrl}">${settings.title}</a>
<nav aria-label="Sections"><ul>${NAV.map(
    (item) =>
      html`<li><a href="${item.url}"${item.url === url ? html` aria-current="page"` : ""}>${item.label}</a></li>`,
  )}</ul></nav>
${
  settings.search
    ? html`<form class="site-search" role="search" action="${searchUrl}">
<label class="visually-hidden" for="site-search-q">Search articles</label>
<input type="search" name="q" id="site-search-q" placeholder="Search" autocomplete="off">
<button type="submit">Search</button>
</form>
`
    : ""
}</div>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
${main}
</div>
</main>
<footer class="site-footer">
<div class="wrap"><p>${settings.title}: ${settings.description}</p></div>
</footer>
</body>
</html>
`}`;
}
