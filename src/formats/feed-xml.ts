// Atom 1.0 and RSS 2.0 (JSON Feed 1.1: feed-json.ts) written directly, every XML value through xml.ts's one escaper.
//
// Why not a library: `feed` needed five workarounds (JSON Feed 1.0 patched to 1.1, raw text in Atom
// titles, an xml-js CDATA bug, RSS authors as e-mail, category rules). `feedsmith` 3.0.1 (Node >= 14)
// was tried on the same entries: its pretty-printer wraps CDATA titles, links and summaries in
// newlines and indentation, which become part of the text (an RSS <link> of "\n      https://…");
// it puts RSS titles in CDATA with their markup (the bug of issue 13.9); and an Atom title given as
// a string is silently left out. The three formats fit in this file; their specs:
// https://www.rfc-editor.org/rfc/rfc4287, https://www.rssboard.org/rss-specification,
// https://www.jsonfeed.org/version/1.1/, https://www.rssboard.org/media-rss
import { escapeHtml } from "./html.ts";
import {
  entryContent,
  type FeedChannel,
  type FeedImage,
  type FeedItem,
  feedFiles,
  feedHome,
  feedSelf,
} from "./feed-model.ts";
import { xmlAttributes, xmlCdata, xmlElement } from "./xml.ts";

const XML_DECLARATION = `<?xml version="1.0" encoding="utf-8"?>\n`;

/** An Atom 1.0 feed. */
export function renderAtom(c: FeedChannel, items: readonly FeedItem[]): string {
  // Titles and summaries are Atom's default type, text: escaped once, never read as markup.
  const entries = items.map((item) => {
    const image = item.image;
    const lines = [
      xmlElement("id", item.id),
      xmlElement("title", item.title),
      `<link${xmlAttributes({ rel: "alternate", href: item.url })}/>`,
      ...(image
        ? [`<link${xmlAttributes({ rel: "enclosure", type: image.type, href: image.url, length: image.bytes })}/>`]
        : []),
      xmlElement("published", item.published.toISOString()),
      xmlElement("updated", item.updated.toISOString()),
      ...(item.author === undefined ? [] : [`<author>${xmlElement("name", item.author)}</author>`]),
      ...item.tags.map((tag) => `<category${xmlAttributes({ term: tag })}/>`),
      xmlElement("summary", item.summary),
      `<content type="html">${xmlCdata(entryContent(item))}</content>`,
    ];
    return `  <entry>\n    ${lines.join("\n    ")}\n  </entry>\n`;
  });
  const head = [
    xmlElement("id", `${c.siteUrl}${c.feedPath}`),
    xmlElement("title", c.title),
    xmlElement("subtitle", c.description),
    xmlElement("updated", c.updated.toISOString()),
    `<link${xmlAttributes({ rel: "alternate", href: feedHome(c) })}/>`,
    `<link${xmlAttributes({ rel: "self", href: feedSelf(c, feedFiles.atom) })}/>`,
    // Atom needs an author for entries without a byline: the digest itself.
    `<author>${xmlElement("name", c.title)}${xmlElement("uri", `${c.siteUrl}/`)}</author>`,
  ];
  const open = `<feed${xmlAttributes({ xmlns: "http://www.w3.org/2005/Atom", "xml:lang": c.language })}>`;
  return `${XML_DECLARATION}${open}\n  ${head.join("\n  ")}\n${entries.join("")}</feed>\n`;
}

const RSS_NAMESPACES = {
  version: "2.0",
  "xmlns:atom": "http://www.w3.org/2005/Atom",
  "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
  "xmlns:dc": "http://purl.org/dc/elements/1.1/",
  "xmlns:media": "http://search.yahoo.com/mrss/",
};

/** An RSS 2.0 feed, with Media RSS images. */
export function renderRss(c: FeedChannel, items: readonly FeedItem[]): string {
  const entries = items.map((item) => {
    const lines = [
      // Plain text, escaped as in Atom; the description is HTML by RSS convention, so the summary is
      // escaped for HTML, then for XML (https://www.rssboard.org/rss-profile#element-channel-item-description).
      xmlElement("title", item.title),
      xmlElement("link", item.url),
      xmlElement("guid", item.id, { isPermaLink: "false" }),
      xmlElement("pubDate", item.published.toUTCString()),
      // <author> must be an e-mail address; a byline is Dublin Core's creator.
      ...(item.author === undefined ? [] : [xmlElement("dc:creator", item.author)]),
      ...item.tags.map((tag) => xmlElement("category", tag)),
      ...(item.source?.url === undefined ? [] : [xmlElement("source", item.source.name, { url: item.source.url })]),
      xmlElement("description", escapeHtml(item.summary)),
      `<content:encoded>${xmlCdata(entryContent(item))}</content:encoded>`,
      ...(item.image ? [rssImage(item.image)] : []),
    ];
    return `    <item>\n      ${lines.join("\n      ")}\n    </item>\n`;
  });
  const head = [
    xmlElement("title", c.title),
    xmlElement("link", feedHome(c)),
    xmlElement("description", c.description),
    xmlElement("language", c.language),
    xmlElement("lastBuildDate", c.updated.toUTCString()),
    xmlElement("docs", "https://www.rssboard.org/rss-specification"),
    `<atom:link${xmlAttributes({ href: feedSelf(c, feedFiles.rss), rel: "self", type: "application/rss+xml" })}/>`,
  ];
  return `${XML_DECLARATION}<rss${xmlAttributes(RSS_NAMESPACES)}>\n  <channel>\n    ${head.join("\n    ")}\n${entries.join("")}  </channel>\n</rss>\n`;
}

// RSS's <enclosure> requires the file's length in bytes, and a made-up 0 misleads podcatchers; the view
// model knows an image's size in pixels, not in bytes, so the image is Media RSS's <media:content>,
// which needs only a URL, and carries the type and dimensions too.
function rssImage(image: FeedImage): string {
  const { url, type, width, height, bytes } = image;
  if (bytes !== undefined) return `<enclosure${xmlAttributes({ url, length: bytes, type: type ?? "image" })}/>`;
  return `<media:content${xmlAttributes({ url, type, medium: "image", width, height })}/>`;
}
