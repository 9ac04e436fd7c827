// Finished text files of the site: sitemap.xml, news-sitemap.xml, robots.txt.
import type { SiteDocument } from "../src/digest/view-model.ts";
import { paged } from "./paged.ts";

export default paged<SiteDocument>("documents", ({ entry }) => entry.content);
