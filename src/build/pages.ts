// Page templates as Eleventy sees them: every rendered page goes to the build's sink.
import type { EleventyConfig, PageSink } from "./eleventy-api.ts";

/** An 11ty.js template: its data (pagination, permalink) and its render function. */
export interface PageTemplate {
  data: object | (() => object);
  render: (data: never) => string;
}

/** How pages are handed to Eleventy. */
export interface PageOptions {
  /**
   * Pages of a one-entry-a-page pagination rendered by one Eleventy page. Eleventy clones its whole
   * template object for each page it paginates and keeps every clone until the build ends (about
   * 10 KB a page: 1.5 GB at 100,000 articles); a batch makes one clone serve this many pages. 1 gives
   * each page an Eleventy page of its own. Default 100.
   */
  batch: number;
}

/** Default page options. */
export const pageDefaults = { batch: 100 } satisfies PageOptions;

type Data = Record<string, unknown>;
/** The pagination of a template that writes one page per entry, at a URL made from the entry. */
interface OnePerEntry {
  pagination: { size: 1; alias: string } & Data;
  permalink: (data: Data) => string | false;
}

// The alias under which a batch's entries reach the render function; the template's own alias is
// given each entry in turn.
const BATCH = "broadsheetBatch";

function onePerEntry(data: object): data is OnePerEntry {
  const { pagination, permalink } = data as Partial<OnePerEntry>;
  return pagination?.size === 1 && typeof pagination.alias === "string" && typeof permalink === "function";
}

/**
 * Adds a page template whose pages go straight from the render function into `sink`; the
 * template's content is an empty string, since Eleventy keeps every page's content until all pages
 * are rendered, and runs no layout or transform over it. A template paginated one entry a page is
 * paginated in batches of `batch` entries instead (see PageOptions), each entry still its own page
 * at the URL its permalink gives, rendered with the same data.
 */
export function addPage(
  eleventyConfig: EleventyConfig,
  sink: PageSink,
  name: string,
  template: PageTemplate,
  options: Partial<PageOptions> = {},
): void {
  const { batch } = { ...pageDefaults, ...options };
  const { data, render } = template;
  const resolved = typeof data === "function" ? data() : data;
  if (batch > 1 && onePerEntry(resolved)) {
    const { pagination, permalink } = resolved;
    const alias = pagination.alias;
    eleventyConfig.addTemplate(name, {
      // No permalink: the batch itself is not a page, and Eleventy still renders it (it only does not write it).
      data: { ...resolved, pagination: { ...pagination, size: batch, alias: BATCH }, permalink: false },
      async render(batchData: Data) {
        // One turn of the event loop a batch, as Eleventy gave one a page: an interrupt (a signal, an
        // aborted build) is seen between batches, before the output starts switching.
        await new Promise((resolve) => setImmediate(resolve));
        for (const entry of batchData[BATCH] as unknown[]) {
          // The entry's data is the batch's (the digest and the rest) with the template's alias set.
          const pageData = Object.assign(Object.create(batchData) as Data, { [alias]: entry });
          const url = permalink(pageData);
          if (url !== false) sink.page(url, render(pageData as never));
        }
        return "";
      },
    });
    return;
  }
  eleventyConfig.addTemplate(name, {
    data,
    render(pageData: { page: { url: string | false } }) {
      // A page with `permalink: false` (the search page of a site without search) is not written.
      if (pageData.page.url !== false) sink.page(pageData.page.url, render(pageData as never));
      return "";
    },
  });
}
