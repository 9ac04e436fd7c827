// What the search index holds: one record per listed article, made from the digest (not from rendered
// pages, which an incremental build does not all render), holding only the headline and the body.
import { createHash } from "node:crypto";
import type { ArticlePage, Digest } from "../digest/view-model.ts";
import { htmlOf } from "../content/stored-html.ts";

/** One article as Pagefind's `addCustomRecord` takes it. */
export interface SearchRecord {
  /** Root-relative URL; the browser puts it under the path prefix (Pagefind's `baseUrl`). */
  url: string;
  /** The searchable text: the headline, then the body as plain text. */
  content: string;
  /** ISO 639-1 code that picks Pagefind's stemmer. */
  language: string;
  /** What a result shows: `title`, `source` (absent for the digest's own items), `date` (ISO), `time` (display text). */
  meta: Record<string, string>;
  /** Facets: `tag` (labels) and `source` (zero or one label). */
  filters: Record<string, string[]>;
  /** `date`: the instant in UTC (`2025-08-15T17:05:00.000Z`), so that string order is time order. */
  sort: Record<string, string>;
}

// Elements whose end separates words: without a space, "</p><p>" would join two words.
const BLOCK_END = /<\/(?:p|h[1-6]|li|blockquote|pre|td|th|tr|dt|dd|figcaption|div)>|<br\s*\/?>|<hr\s*\/?>/gi;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes the character references markdown-it writes (`&amp;`, `&lt;`, `&#39;`, `&#x1F600;`); unknown ones stay as they are. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The text of HTML the Markdown renderer produced: tags dropped, blocks separated, references decoded, spaces collapsed. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(BLOCK_END, " ").replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** Pagefind's language for a BCP 47 tag: its primary subtag, lowercased (`en-GB` → `en`). */
export function searchLanguage(tag: string): string {
  return (tag.split("-")[0] ?? tag).toLowerCase();
}

/** The articles search finds: every article page except expired ones, which have left every listing too. */
export function searchable(digest: Digest): ArticlePage[] {
  return digest.articlePages.filter((page) => page.expired === undefined);
}

/** The instant an article was published, in UTC (`2025-08-15T17:05:00.000Z`), so that string order is time order. */
export function publishedInstant(page: ArticlePage): string {
  // Published times keep the offset they were written with; in UTC, one format sorts as text.
  return new Date(page.teaser.published.iso).toISOString();
}

/** An article's facets: `tag` (labels) and `source` (zero or one label). */
export function searchFilters(page: ArticlePage): Record<string, string[]> {
  const t = page.teaser;
  return { tag: t.tags.map((tag) => tag.label), source: t.source ? [t.source.label] : [] };
}

/** The record of one article, in the Pagefind language `language`. */
export function searchRecord(page: ArticlePage, language: string): SearchRecord {
  const t = page.teaser;
  const meta: Record<string, string> = { title: t.title, date: t.published.iso, time: t.published.text };
  if (t.source) meta.source = t.source.label;
  return {
    url: t.url,
    content: `${t.title}\n${plainText(htmlOf(page.bodyHtml))}`,
    language,
    meta,
    filters: searchFilters(page),
    sort: { date: publishedInstant(page) },
  };
}

/** One record for each searchable article, in the digest's order (newest first). */
export function searchRecords(digest: Digest): SearchRecord[] {
  const language = searchLanguage(digest.settings.language);
  return searchable(digest).map((page) => searchRecord(page, language));
}

/**
 * A key that changes whenever any record would, computed without making the records (the body's
 * identity stands for its text). `version` stands for the code and the search tool's version.
 */
export function searchKey(digest: Digest, version: string): string {
  return pagesKey(searchable(digest), JSON.stringify([version, digest.settings.language]));
}

/** The key of the records of `pages` (one shard's): what `searchKey` computes, for any list of pages. */
export function pagesKey(pages: readonly ArticlePage[], version: string): string {
  const hash = createHash("sha256").update(version);
  for (const page of pages) {
    const t = page.teaser;
    hash.update(
      JSON.stringify([
        t.url,
        t.title,
        t.published,
        t.source?.label,
        t.tags.map((tag) => tag.label),
        page.bodyKey ?? htmlOf(page.bodyHtml),
      ]),
    );
  }
  return hash.digest("base64url");
}
