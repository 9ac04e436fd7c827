// Finished text files of the site: sitemap.xml, news-sitemap.xml, robots.txt.
import type { SiteDocument } from "../src/pages.ts";

export default {
  data: {
    pagination: { data: "digest.documents", size: 1, alias: "entry" },
    permalink: ({ entry }: { entry: SiteDocument }) => entry.url,
    eleventyExcludeFromCollections: true,
  },
  render: ({ entry }: { entry: SiteDocument }) => entry.content,
};
