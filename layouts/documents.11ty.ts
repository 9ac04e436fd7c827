// Finished text files of the site: sitemap.xml, news-sitemap.xml, robots.txt.
import type { SiteDocument } from "../src/pages.ts";
import { paged } from "./paged.ts";

export default paged<SiteDocument>("documents", ({ entry }) => entry.content);
