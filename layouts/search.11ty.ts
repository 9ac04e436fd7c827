// The search page: a form that works as a plain GET form, and results the browser script fills in
// from the Pagefind index (see layouts/assets/search-page.js for the element ids it uses).
import { html } from "../src/formats/html.ts";
import type { Digest } from "../src/digest/view-model.ts";
import { searchIndexUrl, searchUrl, sourcesUrl, tagsUrl } from "../src/digest/urls.ts";
import { asset } from "./assets.ts";
import { shell } from "./base.ts";

function render({ digest }: { digest: Digest }): string {
  const main = html`<h1>Search</h1>
<form class="search-form" role="search" action="${searchUrl}">
<p class="search-field"><label for="search-q">Words to look for in headlines and articles</label>
<span class="search-row"><input type="search" name="q" id="search-q" autocomplete="off"><button type="submit">Search</button></span></p>
<div class="search-options">
<p><label for="search-tag">Tag</label><select id="search-tag" name="tag"><option value="">All tags</option></select></p>
<p><label for="search-source">Source</label><select id="search-source" name="source"><option value="">All sources</option></select></p>
<p><label for="search-sort">Order</label><select id="search-sort" name="sort"><option value="relevance">Best match</option><option value="newest">Newest first</option><option value="oldest">Oldest first</option></select></p>
</div>
</form>
<p id="search-status" aria-live="polite">Search needs JavaScript, which is turned off or could not load. You can browse the articles by <a href="${tagsUrl}">tag</a> or by <a href="${sourcesUrl}">source</a>.</p>
<ol id="search-results" class="search-results"></ol>
<p><button type="button" id="search-more" class="search-more" hidden>More results</button></p>`;
  // The index's script is named in the page so that it moves under a path prefix like every other link.
  const head = html`<link rel="modulepreload" href="${searchIndexUrl}pagefind.js">
<script type="module" src="${asset(digest.context, "search-page.js").url}"></script>
`;
  return shell({
    settings: digest.settings,
    context: digest.context,
    title: "Search",
    description: `Search the articles of ${digest.settings.title}.`,
    url: searchUrl,
    main,
    head,
  });
}

export default {
  // No page at all when the site turns search off.
  data: {
    permalink: ({ digest }: { digest: Digest }) => (digest.settings.search ? searchUrl : false),
    eleventyExcludeFromCollections: true,
  },
  render,
};
