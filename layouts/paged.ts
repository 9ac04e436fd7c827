// One template, many pages: Eleventy paginates over one list of the digest, one page per entry.
import type { Digest } from "../src/digest/view-model.ts";

/** An 11ty.js template writing each entry of `digest[key]` at the entry's own URL. */
export function paged<T extends { url: string }>(
  key: keyof Digest,
  render: (data: { entry: T; digest: Digest }) => string,
) {
  return {
    data: {
      pagination: { data: `digest.${key}`, size: 1, alias: "entry" },
      permalink: ({ entry }: { entry: T }) => entry.url,
      // Collections are not used: leaving pages out of them saves Eleventy work per page.
      eleventyExcludeFromCollections: true,
    },
    render,
  };
}
