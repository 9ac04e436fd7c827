// The index of all tags and the index of all sources, each with its article counts.
import { html } from "../src/formats/html.ts";
import { paged } from "./paged.ts";
import type { Digest, IndexPage } from "../src/digest/view-model.ts";
import { shell } from "./base.ts";

function render({ entry: page, digest }: { entry: IndexPage; digest: Digest }): string {
  const main = html`<h1>${page.heading}</h1>
${
  page.entries.length === 0
    ? html`<p>Nothing here yet.</p>`
    : html`<ul class="term-index">${page.entries.map(
        (e) =>
          html`<li><a href="${e.url}">${e.label}</a> <span class="count">${e.count === 1 ? "1 article" : `${e.count} articles`}</span></li>`,
      )}</ul>`
}`;
  return shell({ settings: digest.settings, context: digest.context, title: page.heading, url: page.url, main });
}

export default paged<IndexPage>("indexPages", render);
