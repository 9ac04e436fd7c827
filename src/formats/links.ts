// The one link rewriter: every URL our HTML links to, mapped through a function (feeds, path prefixes).

// A regex is enough: our Markdown renderer and `html` templates quote every attribute and escape
// quotes in values, and text never holds ` href="` unescaped.
const URL_ATTRIBUTE = /(\s(?:href|src|action)=)(["'])(.*?)\2/gi;
const SRCSET_ATTRIBUTE = /(\ssrcset=)(["'])(.*?)\2/gi;
// A srcset is a list of "url descriptor" candidates; the separators and descriptors are kept as they are.
const SRCSET_URL = /(^|,)(\s*)([^\s,]+)/g;

/**
 * Maps the value of every `href`, `src` and `action` attribute and every `srcset` candidate URL in
 * `html` through `map` (values as written, character references included). Other text stays as it is.
 */
export function mapLinks(html: string, map: (url: string) => string): string {
  return html
    .replace(URL_ATTRIBUTE, (_, name: string, quote: string, url: string) => `${name}${quote}${map(url)}${quote}`)
    .replace(SRCSET_ATTRIBUTE, (_, name: string, quote: string, list: string) => {
      const mapped = list.replace(
        SRCSET_URL,
        (_m, comma: string, space: string, url: string) => comma + space + map(url),
      );
      return `${name}${quote}${mapped}${quote}`;
    });
}

/** True for a root-relative URL (`/tags/`): not absolute, not protocol-relative (`//cdn`), not a fragment. */
export function isRootRelative(url: string): boolean {
  return url.startsWith("/") && !url.startsWith("//");
}
