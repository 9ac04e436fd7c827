// Paginated listings grouped by day: the home page, each tag's pages and each source's pages.
import { html } from "../src/formats/html.ts";
import type { Digest, ListPage } from "../src/digest/view-model.ts";
import { listMeta } from "../src/formats/structured-data.ts";
import { shell } from "./base.ts";
import { paged } from "./paged.ts";
import { dayGroups, pager } from "./parts.ts";

/** The home page of a site without articles: what to do next. */
const EMPTY_SITE = html`<p class="empty">Nothing has been published here yet. To add the first article, run
<code>npm run new -- "Headline of the item"</code>, edit the file it names, then build the site again.</p>`;

function render({ entry: page, digest }: { entry: ListPage; digest: Digest }): string {
  const { number, count } = page.pager;
  const suffix = number > 1 ? ` (page ${number} of ${count})` : "";
  const heading = page.kind ? html`<span class="kind">${page.kind}:</span> ${page.heading}` : html`Latest news`;
  const main = html`<h1>${heading}${suffix}</h1>
${page.kind || number > 1 ? "" : html`<p class="lede">${digest.settings.description}</p>`}
${page.kind || page.groups.length > 0 ? "" : EMPTY_SITE}
${dayGroups(digest.context, page.groups)}
${pager(page.pager)}`;
  const title = page.kind ? `${page.kind}: ${page.heading}${suffix}` : number > 1 ? `Latest news${suffix}` : undefined;
  return shell({
    settings: digest.settings,
    context: digest.context,
    title,
    url: page.url,
    main,
    meta: listMeta(page, title ?? digest.settings.title, digest.settings),
    feed: page.feedPath ? { title: `${digest.settings.title}: ${page.heading}`, path: page.feedPath } : undefined,
  });
}

/** A listing template over one list of ListPages in the digest. */
export function listing(key: "homePages" | "tagPages" | "sourcePages") {
  return paged<ListPage>(key, render);
}
