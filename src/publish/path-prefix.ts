// Serving from a sub-folder: site-root links in a page are moved under the site's path prefix.
import { isRootRelative, mapLinks } from "../formats/links.ts";

/**
 * Rewrites every root-relative `href`, `src`, `action` and `srcset` candidate (`/tags/`) in HTML to
 * start with `prefix` (`/broadsheet/tags/`). Absolute, protocol-relative and fragment links are left alone.
 */
export function prefixLinks(html: string, prefix: string): string {
  if (prefix === "/") return html;
  return mapLinks(html, (url) => (isRootRelative(url) ? `${prefix}${url.slice(1)}` : url));
}
