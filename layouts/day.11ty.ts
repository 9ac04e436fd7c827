// Daily digest pages: every article of one day, with links to the neighbouring days.
import { html } from "../src/formats/html.ts";
import type { DayPage, Digest } from "../src/digest/view-model.ts";
import { shell } from "./base.ts";
import { paged } from "./paged.ts";
import { teaser } from "./parts.ts";

function render({ entry: page, digest }: { entry: DayPage; digest: Digest }): string {
  const count = page.articles ?? page.group.items.length;
  const main = html`<h1><span class="kind">Daily digest:</span> ${page.group.heading}</h1>
<p class="lede">${count === 1 ? "1 article" : `${count} articles`} published this day.</p>
<ol class="teasers">${page.group.items.map((item) => html`<li>${teaser(digest.context, item, 2)}</li>`)}</ol>
<nav class="pager" aria-label="Days">
${page.later ? html`<a class="newer" rel="next" href="${page.later.url}">← ${page.later.label}</a>` : ""}
${page.earlier ? html`<a class="older" rel="prev" href="${page.earlier.url}">${page.earlier.label} →</a>` : ""}
</nav>`;
  return shell({
    settings: digest.settings,
    context: digest.context,
    title: `Daily digest: ${page.group.heading}`,
    url: page.url,
    main,
  });
}

export default paged<DayPage>("dayPages", render);
