// The 404 page static hosts serve for any unknown URL.
import { html } from "../src/formats/html.ts";
import type { Digest } from "../src/digest/view-model.ts";
import { homeUrl, tagsUrl } from "../src/digest/urls.ts";
import { shell } from "./base.ts";

function render({ digest }: { digest: Digest }): string {
  const main = html`<h1>Page not found</h1>
<p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
<p>Try the <a href="${homeUrl}">latest news</a> or browse by <a href="${tagsUrl}">tag</a>.</p>`;
  return shell({ settings: digest.settings, context: digest.context, title: "Page not found", url: "/404.html", main });
}

export default {
  data: { permalink: "/404.html", eleventyExcludeFromCollections: true },
  render,
};
