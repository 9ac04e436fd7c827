// Small pieces several layouts share: times, tag lists, teasers, day groups, pagers.
import { html, type SafeHtml } from "../src/formats/html.ts";
import type { Coverage, DayGroup, Link, Pager, Teaser, TimeStamp } from "../src/digest/view-model.ts";
import { picture } from "../src/images/picture.ts";
import { type BuildContext, memoSlot } from "../src/digest/build-context.ts";

// Image markup is made in src/images/picture.ts, where body images are placed too.
export { type Loading, picture } from "../src/images/picture.ts";

/** A `<time>` showing the exact time; the browser script turns it into "24 minutes ago". */
export function time(stamp: TimeStamp): SafeHtml {
  return html`<time datetime="${stamp.iso}" data-relative>${stamp.text}</time>`;
}

/** A list of tag links, or nothing for no tags. */
export function tagList(tags: readonly Link[], label = "Tags"): SafeHtml {
  if (tags.length === 0) return html``;
  // A hidden lead-in names the list for screen readers (aria-label on a list is not reliably read).
  return html`<p class="visually-hidden">${label}:</p><ul class="tags">${tags.map((t) => html`<li><a href="${t.url}" rel="tag" dir="auto">${t.label}</a></li>`)}</ul>`;
}

/** Most tags a teaser shows: a listing's size must not grow with one article's tag count. */
export const TEASER_TAGS = 8;

/** One article in a list: headline, source, time, summary and tags (or the tags it shares). */
export function teaser(
  context: BuildContext,
  item: Teaser,
  headingLevel: 2 | 3 = 3,
  tags: readonly Link[] = item.tags,
  tagsLabel = "Tags",
): SafeHtml {
  return html`${teaserHead(context, item, headingLevel)}
${tagList(tags.slice(0, TEASER_TAGS), tagsLabel)}
</article>`;
}

// A teaser is listed on a dozen pages of a build (home, its day, its tags, its source, related
// lists); its markup up to the tag list is made once per build, teaser and heading level. Teasers are
// never changed once the digest has made them.
const TEASER_HEADS = memoSlot(() => ({ 2: new WeakMap<Teaser, SafeHtml>(), 3: new WeakMap<Teaser, SafeHtml>() }));

function teaserHead(context: BuildContext, item: Teaser, headingLevel: 2 | 3): SafeHtml {
  const heads = context.memo(TEASER_HEADS)[headingLevel];
  const made = heads.get(item);
  if (made) return made;
  const heading = html`<a href="${item.url}">${item.title}</a>${item.draft ? html` <span class="badge">Draft</span>` : ""}`;
  // In a list the headline says what the story is, so the thumbnail is decorative (empty alt).
  const thumbnail = item.thumbnail ? picture({ ...item.thumbnail, alt: "" }, "lazy", "6rem") : "";
  const head = html`<article class="teaser${item.thumbnail ? " has-thumbnail" : ""}">
${thumbnail}
${headingLevel === 2 ? html`<h2 dir="auto">${heading}</h2>` : html`<h3 dir="auto">${heading}</h3>`}
<p class="meta">${item.source ? html`<a class="source" href="${item.source.url}" dir="auto">${item.source.label}</a> · ` : ""}${time(item.published)}</p>
<p class="summary" dir="auto">${item.summary}</p>
${item.coverage ? alsoCoveredBy(item.coverage) : ""}`;
  heads.set(item, head);
  return head;
}

/** "Also covered by" each other outlet, then a count of the rest linking to the story page. */
export function alsoCoveredBy(c: Coverage): SafeHtml {
  const more = c.more === 1 ? "1 more report" : `${c.more} more reports`;
  return html`<p class="coverage">Also covered by ${c.others.map((o, i) => html`${i > 0 ? ", " : ""}<a href="${o.url}">${o.label}</a>`)}${
    c.more > 0
      ? html`${c.others.length > 0 ? " and " : ""}<a href="${c.story.url}">${more}</a>`
      : html` · <a href="${c.story.url}">Full coverage</a>`
  }</p>`;
}

/** Articles under their day headings, each heading linking to that day's digest. */
export function dayGroups(context: BuildContext, groups: readonly DayGroup[]): SafeHtml {
  return html`${groups.map(
    (g) => html`<section class="day" aria-labelledby="day-${g.iso}">
<h2 id="day-${g.iso}"><a href="${g.url}">${g.heading}</a></h2>
<ol class="teasers">${g.items.map((item) => html`<li>${teaser(context, item)}</li>`)}</ol>
</section>`,
  )}`;
}

/** Older/newer page links of a paginated listing; nothing when there is one page. */
export function pager(p: Pager): SafeHtml {
  if (p.count <= 1) return html``;
  return html`<nav class="pager" aria-label="Pages">
${p.previous ? html`<a class="newer" rel="prev" href="${p.previous}">← Newer</a>` : ""}
<span>Page ${p.number} of ${p.count}</span>
${p.next ? html`<a class="older" rel="next" href="${p.next}">Older →</a>` : ""}
</nav>`;
}
