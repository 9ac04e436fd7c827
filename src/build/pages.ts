// Page templates as Eleventy sees them: every rendered page goes to the build's sink.
import type { EleventyConfig, PageSink } from "./eleventy-api.ts";

/** An 11ty.js template: its data (pagination, permalink) and its render function. */
export interface PageTemplate {
  data: object | (() => object);
  render: (data: never) => string;
}

/**
 * Adds a page template whose pages go straight from the render function into `sink`; the
 * template's content is an empty string, since Eleventy keeps every page's content until all pages
 * are rendered, and runs no layout or transform over it.
 */
export function addPage(eleventyConfig: EleventyConfig, sink: PageSink, name: string, template: PageTemplate): void {
  const { data, render } = template;
  eleventyConfig.addTemplate(name, {
    data,
    render(pageData: { page: { url: string | false } }) {
      // A page with `permalink: false` (the search page of a site without search) is not written.
      if (pageData.page.url !== false) sink.page(pageData.page.url, render(pageData as never));
      return "";
    },
  });
}
