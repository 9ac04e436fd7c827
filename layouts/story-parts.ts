// Story blocks shared by the article page and the story page: "Coverage of this story", the timeline.
import { html, type SafeHtml } from "../src/formats/html.ts";
import type { Link, Teaser } from "../src/digest/view-model.ts";
import { time } from "./parts.ts";

/** One report in a story: outlet, time, headline, summary. */
function report(item: Teaser, headingLevel: 2 | 3): SafeHtml {
  const heading = html`<a href="${item.url}">${item.title}</a>`;
  return html`<article class="report">
<p class="meta">${item.source ? html`<a class="source" href="${item.source.url}">${item.source.label}</a> · ` : ""}${time(item.published)}</p>
${headingLevel === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
<p class="summary">${item.summary}</p>
</article>`;
}

/** The reports of a story, newest first, as a timeline. */
export function timeline(items: readonly Teaser[], headingLevel: 2 | 3): SafeHtml {
  return html`<ol class="timeline">${items.map((item) => html`<li>${report(item, headingLevel)}</li>`)}</ol>`;
}

/** "Coverage of this story" on an article page: the other reports, and the story page. */
export function coverageSection(story: Link, others: readonly Teaser[]): SafeHtml {
  return html`<section class="coverage-of-story" aria-labelledby="coverage-heading">
<h2 id="coverage-heading">Coverage of this story</h2>
${timeline(others, 3)}
<p><a href="${story.url}">The whole story: every report, newest first</a></p>
</section>`;
}
