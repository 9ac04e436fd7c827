// Article pages: one per ArticlePage of the digest.
import { html, raw } from "../src/formats/html.ts";
import type { ArticlePage, Digest } from "../src/digest/view-model.ts";
import { htmlOf } from "../src/content/stored-html.ts";
import { articleMeta } from "../src/formats/structured-data.ts";
import { shell } from "./base.ts";
import { paged } from "./paged.ts";
import { picture, tagList, teaser, time } from "./parts.ts";
import { coverageSection } from "./story-parts.ts";

function render({ entry: page, digest }: { entry: ArticlePage; digest: Digest }): string {
  const t = page.teaser;
  const source = t.source
    ? page.sourceUrl
      ? html`<a class="source" href="${page.sourceUrl}" rel="external noopener noreferrer">${t.source.label}</a>`
      : html`<a class="source" href="${t.source.url}">${t.source.label}</a>`
    : "";
  const main = html`<article class="story">
<header class="story-header">
${source ? html`<p class="kicker" dir="auto">${source}</p>` : ""}
<h1 dir="auto">${t.title}${t.draft ? html` <span class="badge">Draft</span>` : ""}</h1>
${page.standfirst ? html`<p class="standfirst" dir="auto">${t.summary}</p>` : ""}
<p class="meta">${page.author ? html`By <span class="byline">${page.author}</span> · ` : ""}Published ${time(t.published)}${
    page.updated ? html` · Updated ${time(page.updated)}` : ""
  }</p>
</header>
${page.expired ? html`<p class="notice" role="note">This item expired on ${time(page.expired)} and is no longer listed on the site.</p>` : ""}
${
  page.corrections.length > 0
    ? html`<aside class="corrections" aria-labelledby="corrections-heading">
<h2 id="corrections-heading">Corrections</h2>
<ul>${page.corrections.map((c) => html`<li>${time(c.date)}: ${c.text}</li>`)}</ul>
</aside>`
    : ""
}
${page.image ? html`<figure class="lead">${picture(page.image, "lead")}${page.image.credit ? html`<figcaption>${page.image.credit}</figcaption>` : ""}</figure>` : ""}
<div class="body">${raw(htmlOf(page.bodyHtml))}</div>
${t.source ? html`<p class="original">${page.sourceUrl ? html`Read the original report from <a href="${page.sourceUrl}" rel="external noopener noreferrer">${t.source.label}</a>. ` : ""}More from <a href="${t.source.url}">${t.source.label}</a>.</p>` : ""}
${tagList(t.tags)}
</article>
${
  page.older || page.newer
    ? html`<nav class="neighbours" aria-label="Older and newer articles">
${page.older ? html`<p class="older">Older: <a href="${page.older.url}" rel="prev">${page.older.label}</a></p>` : ""}
${page.newer ? html`<p class="newer">Newer: <a href="${page.newer.url}" rel="next">${page.newer.label}</a></p>` : ""}
</nav>`
    : ""
}
${page.story && page.coverage ? coverageSection(page.story, page.coverage) : ""}
${
  page.related.length > 0
    ? html`<section class="related" aria-labelledby="related-heading">
<h2 id="related-heading">Related articles</h2>
<ol class="teasers">${page.related.map((r) => html`<li>${teaser(digest.context, r.teaser, 3, r.sharedTags, "Shared tags")}</li>`)}</ol>
</section>`
    : ""
}`;
  return shell({
    settings: digest.settings,
    context: digest.context,
    title: t.title,
    description: t.summary,
    url: page.url,
    main,
    meta: articleMeta(page, digest.settings),
  });
}

export default paged<ArticlePage>("articlePages", render);
