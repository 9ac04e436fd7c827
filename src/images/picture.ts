// The one place image markup is made: lead images and thumbnails in layouts, body images in articles.
import { html, type SafeHtml } from "../formats/html.ts";
import type { Image } from "../digest/view-model.ts";

/** How an image is loaded: the lead image of an article eagerly and first, every other one lazily. */
export type Loading = "lead" | "lazy";

/** `sizes` of an image as wide as the article column (40rem on wide screens, the viewport on narrow ones). */
export const columnSizes = "(min-width: 44rem) 40rem, 100vw";

/** A `<picture>` with AVIF and WebP sources when the image has variants, sized so nothing shifts. */
export function picture(image: Image, loading: Loading, sizes = columnSizes): SafeHtml {
  const load = loading === "lead" ? html` loading="eager" fetchpriority="high"` : html` loading="lazy"`;
  const title = image.title ? html` title="${image.title}"` : "";
  const img = html`<img src="${image.url}"${image.srcset ? html` srcset="${image.srcset}" sizes="${sizes}"` : ""} alt="${image.alt}"${title} width="${image.width}" height="${image.height}"${load} decoding="async">`;
  if (!image.sources?.length) return img;
  return html`<picture>${image.sources.map((s) => html`<source type="${s.type}" srcset="${s.srcset}" sizes="${sizes}">`)}${img}</picture>`;
}
