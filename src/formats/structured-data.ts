// Page metadata for search engines and link previews: Open Graph fields and schema.org JSON-LD.
import type { ArticlePage, ListPage, StoryPage } from "../digest/view-model.ts";
import type { Settings } from "../content/settings.ts";
import { truncateAtWord } from "../content/markdown.ts";

/** Longest headline search engines take in NewsArticle markup. */
const MAX_HEADLINE = 110;

/** What a page tells link previews and crawlers about itself. */
export interface PageMeta {
  /** Open Graph type. */
  type: "website" | "article";
  published?: string | undefined;
  modified?: string | undefined;
  tags?: string[];
  image?: { url: string; width: number; height: number; alt: string } | undefined;
  /** schema.org data, serialised into a JSON-LD script. */
  jsonLd?: Record<string, unknown>;
}

/** Metadata of an article page: Open Graph article fields and a NewsArticle. */
export function articleMeta(page: ArticlePage, settings: Settings): PageMeta {
  const t = page.teaser;
  const modified = page.updated?.iso ?? t.published.iso;
  const image = page.image ? { ...page.image, url: `${settings.url}${page.image.url}` } : undefined;
  // Link previews get the 1200 × 630 card; without one, the lead image as it is.
  const preview = page.card ? { ...page.card, url: `${settings.url}${page.card.url}` } : image;
  return {
    type: "article",
    published: t.published.iso,
    modified,
    tags: t.tags.map((tag) => tag.label),
    image: preview && { url: preview.url, width: preview.width, height: preview.height, alt: preview.alt },
    jsonLd: {
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: truncateAtWord(t.title, MAX_HEADLINE),
      description: t.summary,
      url: `${settings.url}${page.url}`,
      mainEntityOfPage: `${settings.url}${page.url}`,
      datePublished: t.published.iso,
      dateModified: modified,
      inLanguage: settings.language,
      ...(page.author
        ? { author: { "@type": "Person", name: page.author } }
        : { author: { "@type": "Organization", name: settings.title, url: settings.url } }),
      publisher: { "@type": "Organization", name: settings.title, url: settings.url },
      ...(image ? { image: [image.url] } : {}),
      ...(page.sourceUrl ? { isBasedOn: page.sourceUrl } : {}),
      ...(t.tags.length > 0 ? { keywords: t.tags.map((tag) => tag.label) } : {}),
      ...(page.story ? storyReference(page.story.url, page.story.label, settings) : {}),
    },
  };
}

/** An article's link to its story page: the page it is part of, and the event it is about. */
function storyReference(url: string, name: string, settings: Settings): Record<string, unknown> {
  const page = { "@type": "CollectionPage", "@id": `${settings.url}${url}`, url: `${settings.url}${url}`, name };
  return { isPartOf: page, about: { "@id": page["@id"] } };
}

/** Metadata of a story page: a CollectionPage whose main entity lists every report, newest first. */
export function storyMeta(page: StoryPage, settings: Settings): PageMeta {
  return listMeta({ url: page.url, groups: [{ items: page.items }] }, page.heading, settings, page.lead.summary);
}

/** Metadata of a listing page: a CollectionPage whose main entity lists the page's articles. */
export function listMeta(
  page: Pick<ListPage, "url"> & { groups: Pick<ListPage["groups"][number], "items">[] },
  title: string,
  settings: Settings,
  description?: string,
): PageMeta {
  const items = page.groups.flatMap((g) => g.items);
  return {
    type: "website",
    jsonLd: {
      "@context": "https://schema.org",
      "@type": "CollectionPage",
      ...(description === undefined ? {} : { "@id": `${settings.url}${page.url}`, description }),
      name: title,
      url: `${settings.url}${page.url}`,
      inLanguage: settings.language,
      mainEntity: {
        "@type": "ItemList",
        numberOfItems: items.length,
        itemListElement: items.map((item, i) => ({
          "@type": "ListItem",
          position: i + 1,
          url: `${settings.url}${item.url}`,
          name: item.title,
        })),
      },
    },
  };
}

/** JSON for a `<script type="application/ld+json">`: no field can close the element or open a comment. */
export function jsonLdText(data: Record<string, unknown>): string {
  // One pass over the JSON: each of these characters becomes its \u escape, which JSON reads the same.
  return JSON.stringify(data).replace(JSON_LD_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
const JSON_LD_UNSAFE = /[<>&\u2028\u2029]/g;

/** Open Graph locale (`en_GB`) from a BCP 47 tag (`en-GB`). */
export function ogLocale(language: string): string {
  return language.replace("-", "_");
}
