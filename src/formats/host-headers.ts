// The `_headers` file Netlify and Cloudflare Pages read: long caching for hashed files, a strict CSP.

/**
 * The Content-Security-Policy every page is served with: nothing inline, nothing from elsewhere.
 * Search compiles Pagefind's WebAssembly, which needs `'wasm-unsafe-eval'` (it allows WebAssembly
 * only, not JavaScript's eval):
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/script-src
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Folders whose files carry their content hash in their names, so they never change. */
const IMMUTABLE = ["/assets/*", "/media/*"];

/** The `_headers` file's text, for a site served under `prefix` (`/` at the root). */
export function hostHeaders(prefix = "/"): string {
  const immutable = IMMUTABLE.map(
    (path) => `${prefix}${path.slice(1)}\n  Cache-Control: public, max-age=31536000, immutable\n`,
  );
  const pages = [
    `${prefix}*`,
    `  Content-Security-Policy: ${contentSecurityPolicy}`,
    "  X-Content-Type-Options: nosniff",
    "  Referrer-Policy: strict-origin-when-cross-origin",
  ].join("\n");
  return `${[...immutable, pages].join("\n")}\n`;
}
