// The article as the build sees it: the validated fields, the outcome of reading a file, and name identity.
import type { DateTime } from "luxon";
import type { BodyImage } from "../images/body-images.ts";
import type { Problem } from "./errors.ts";
import type { BodyHtml } from "./stored-html.ts";
import type { StoryFields } from "../stories/author.ts";

/** A lead image as the author named it; resolved against the file system by the loader. */
export interface ImageRef {
  /** Path as written in front matter, relative to the article file. */
  path: string;
  /** Empty for an image marked decorative. */
  alt: string;
  /** Shown as the image's caption. */
  credit?: string;
}

/** A validated news item, ready for indexing and rendering. */
export interface Article {
  /** Source file, relative to the project root. */
  file: string;
  slug: string;
  url: string;
  /** Publication day in the site's zone, YYYY-MM-DD. */
  day: string;
  title: string;
  date: DateTime;
  updated?: DateTime;
  /** From this time the item leaves listings and feeds; its page stays, with a notice. */
  expires?: DateTime;
  /** Dated correction notices, oldest first. */
  corrections?: { date: DateTime; text: string }[];
  source?: string;
  sourceUrl?: string;
  author?: string;
  /** Tags as written, trimmed, without case-insensitive repeats. */
  tags: string[];
  summary: string;
  /** True when the summary was made from the first paragraph (listings and feeds only, not a standfirst). */
  summaryDerived?: boolean;
  /** The rendered body; a saved one stays in the Markdown cache file until read with htmlOf (stored-html.ts). */
  bodyHtml: BodyHtml;
  /** The body's first paragraph as plain text (what story detection reads), kept beside the body in the Markdown cache. */
  firstParagraph: string;
  /** Identity of the Markdown body (its cache key), so that page keys need not hash the HTML. */
  bodyKey?: string;
  image?: ImageRef;
  /** Images in the body, in order: `bodyHtml` holds a placeholder for each until they are processed. */
  bodyImages?: BodyImage[];
  draft: boolean;
  /** The author's story fields (src/stories/author.ts). */
  story?: StoryFields["story"];
  storyLead?: boolean;
  storyLines?: StoryFields["storyLines"];
}

/** The outcome of reading one file: an article (when valid), errors and warnings. */
export interface ParsedArticle {
  article?: Article;
  errors: Problem[];
  warnings: Problem[];
  /** Each front matter field's line in the file, for problems found later (images, duplicates); computed on call. */
  lines?: () => ReadonlyMap<string, number>;
}

/** Case- and form-insensitive identity of a tag or source name: `Ukraine` and `ukraine` are one. */
export function nameKey(name: string): string {
  // Not remembered: at 10,000 articles (about 50,000 calls) it costs a few milliseconds, less than a
  // module-level memory that outlives the build would be worth.
  return name.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}
