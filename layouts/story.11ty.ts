// Story pages: one per story of two or more reports, a timeline newest first, with its own feeds.
import { html } from "../src/formats/html.ts";
import { feedFiles } from "../src/formats/feeds.ts";
import type { Digest, StoryPage } from "../src/digest/view-model.ts";
import { storyMeta } from "../src/formats/structured-data.ts";
import { shell } from "./base.ts";
import { paged } from "./paged.ts";
import { timeline } from "./story-parts.ts";

function render({ entry: page, digest }: { entry: StoryPage; digest: Digest }): string {
  const count = page.items.length;
  const outlets = new Set(page.items.map((i) => i.source?.label ?? i.url)).size;
  const main = html`<h1><span class="kind">Story:</span> ${page.heading}</h1>
<p class="lede">${count} reports from ${outlets === 1 ? "1 outlet" : `${outlets} outlets`}, newest first. Follow this story: <a href="${page.feedPath}${feedFiles.atom}">Atom</a>, <a href="${page.feedPath}${feedFiles.rss}">RSS</a>, <a href="${page.feedPath}${feedFiles.json}">JSON Feed</a>.</p>
${timeline(page.items, 2)}`;
  return shell({
    context: digest.context,
    settings: digest.settings,
    title: `Story: ${page.heading}`,
    description: page.lead.summary,
    url: page.url,
    main,
    meta: storyMeta(page, digest.settings),
    feed: { title: `${digest.settings.title}: ${page.heading}`, path: page.feedPath },
  });
}

export default paged<StoryPage>("storyPages", render);
