// Head tags for link previews and crawlers: Open Graph, Twitter card, article fields and JSON-LD.
import { html, raw, type SafeHtml } from "../src/formats/html.ts";
import type { Settings } from "../src/content/settings.ts";
import { jsonLdText, ogLocale, type PageMeta } from "../src/formats/structured-data.ts";

/** The metadata tags of one page. */
export function metaTags(
  settings: Settings,
  title: string,
  description: string,
  canonical: string,
  meta: PageMeta = { type: "website" },
): SafeHtml {
  return html`<meta property="og:site_name" content="${settings.title}">
<meta property="og:type" content="${meta.type}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${canonical}">
<meta property="og:locale" content="${ogLocale(settings.language)}">
${
  meta.image
    ? html`<meta property="og:image" content="${meta.image.url}">
<meta property="og:image:width" content="${meta.image.width}">
<meta property="og:image:height" content="${meta.image.height}">
${
  meta.image.alt
    ? html`<meta property="og:image:alt" content="${meta.image.alt}">
`
    : ""
}`
    : ""
}<meta name="twitter:card" content="${meta.image ? "summary_large_image" : "summary"}">
${
  meta.type === "article"
    ? html`<meta property="article:published_time" content="${meta.published}">
<meta property="article:modified_time" content="${meta.modified}">
${(meta.tags ?? []).map(
  (tag) => html`<meta property="article:tag" content="${tag}">
`,
)}<meta name="robots" content="max-image-preview:large">
`
    : ""
}${meta.jsonLd ? html`<script type="application/ld+json">${raw(jsonLdText(meta.jsonLd))}</script>` : ""}`;
}
