// Serving from a sub-folder: site-root links in a page are moved under the site's path prefix.

/**
 * Rewrites every root-relative `href`, `src`, `action` and `srcset` candidate (`/tags/`) in HTML to
 * start with `prefix` (`/broadsheet/tags/`). Absolute, protocol-relative and fragment links are left alone.
 */
export function prefixLinks(html: string, prefix: string): string {
  if (prefix === "/") return html;
  return html
    .replace(/(\s(?:href|src|action)=")\/(?!\/)/g, `$1${prefix}`)
    .replace(
      /(\ssrcset=")([^"]*)"/g,
      (_, start: string, list: string) => `${start}${list.replace(/(^|,\s*)\/(?!\/)/g, `$1${prefix}`)}"`,
    );
}
