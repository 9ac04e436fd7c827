// Validated articles and settings built in memory, for tests of the indexes.
import { DateTime } from "luxon";
import type { Article } from "../../src/content/article.ts";
import { localDay } from "../../src/content/dates.ts";
import type { Settings } from "../../src/content/settings.ts";
import { articleUrl } from "../../src/digest/urls.ts";

/** Settings with every default filled in. */
export const testSettings: Settings = {
  title: "The Broadsheet",
  description: "News, daily.",
  url: "https://news.example.org",
  language: "en-GB",
  timeZone: "UTC",
  locale: "en-GB",
  pageSize: 20,
  relatedCount: 5,
  relatedPerSource: 2,
  maxTagsPerArticle: 25,
  socialCards: true,
  search: true,
  host: "github-pages",
  allowOverBudget: false,
  searchShardSize: 2500,
  pathPrefix: "/",
  images: { widths: [480, 800, 1200, 1600], maxPixels: 50_000_000 },
};

/** An Article as parseArticle (src/content/parse-article.ts) would make it; its day is read in `timeZone`, as the site would. */
export function article(slug: string, iso: string, extra: Partial<Article> = {}, timeZone = "UTC"): Article {
  const date = DateTime.fromISO(iso, { setZone: true });
  const day = localDay(date, timeZone);
  return {
    file: `content/${slug}.md`,
    slug,
    url: articleUrl(day, slug),
    day,
    title: `Title ${slug}`,
    date,
    tags: [],
    summary: `About ${slug}`,
    bodyHtml: `<p>${slug}</p>`,
    firstParagraph: slug,
    draft: false,
    ...extra,
  };
}
