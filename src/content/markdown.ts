// Article bodies: Markdown to HTML with raw HTML off, and the plain-text summary derived from them.
import MarkdownIt from "markdown-it";
import anchor from "markdown-it-anchor";
import { slugify } from "../digest/slug.ts";

/** Options of the Markdown renderer. */
export interface MarkdownOptions {
  /** Let raw HTML in articles through. Default false: raw HTML is shown as text. */
  html: boolean;
  /** Longest derived summary, in characters. Default 220. */
  summaryLength: number;
}

/** Defaults of the Markdown renderer. */
export const markdownDefaults = { html: false, summaryLength: 220 } satisfies MarkdownOptions;

/** A renderer configured for article bodies: typographic quotes and dashes, ids on headings. */
export function createMarkdown(options: Partial<MarkdownOptions> = {}): MarkdownIt {
  const { html } = { ...markdownDefaults, ...options };
  const md = new MarkdownIt({ html, typographer: true, linkify: false });
  // The headline is the page's only h1, so body headings start at h2.
  md.core.ruler.push("demote_h1", (state) => {
    for (const token of state.tokens) {
      if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") token.tag = "h2";
    }
  });
  md.use(anchor, { slugify: (s: string) => slugify(s) || "section", tabIndex: false });
  return md;
}

/** An image in a body as the author wrote it: `![alt](path "title")`. */
export interface BodyImageRef {
  /** The path as written (percent-escapes decoded), such as `./photo.jpg`. */
  src: string;
  /** The alt text, as plain text. */
  alt: string;
  /** The title in quotes after the path; `decorative` marks an image that needs no alt text. */
  title: string;
  /** 1-based line within the body, when the parser knows it. */
  line?: number;
}

/** Rendered body and a summary taken from its first paragraph. */
export interface RenderedBody {
  /** HTML in which each image is a placeholder (see imagePlaceholder), filled in once images are processed. */
  html: string;
  firstParagraph: string;
  /** The body's images, in order; the n-th is where imagePlaceholder(n) is. Absent when there are none. */
  images?: BodyImageRef[];
}

/** What stands in the rendered HTML for the body's n-th image: a comment, which authors cannot write (raw HTML is text). */
export function imagePlaceholder(n: number): string {
  return `<!--broadsheet-image:${n}-->`;
}

/** Renders a body and extracts its first paragraph as plain text. */
export function renderBody(md: MarkdownIt, body: string): RenderedBody {
  const env = {};
  const tokens = md.parse(body, env);
  const images = bodyImages(md, tokens);
  const open = tokens.findIndex((t) => t.type === "paragraph_open");
  const inline = open === -1 ? undefined : tokens[open + 1];
  const firstParagraph = (inline?.children ?? [])
    .map((t) =>
      t.type === "softbreak" || t.type === "hardbreak"
        ? " "
        : t.type === "text" || t.type === "code_inline"
          ? t.content
          : "",
    )
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return { html: md.renderer.render(tokens, md.options, env), firstParagraph, ...(images.length ? { images } : {}) };
}

// Collects every image and turns its token into a placeholder, which the renderer writes as it is.
function bodyImages(md: MarkdownIt, tokens: ReturnType<MarkdownIt["parse"]>): BodyImageRef[] {
  const images: BodyImageRef[] = [];
  for (const block of tokens) {
    if (block.type !== "inline" || !block.children) continue;
    // Lines within a paragraph are counted by its line breaks: exact unless alt text itself spans lines.
    let breaks = 0;
    for (const token of block.children) {
      if (token.type === "softbreak" || token.type === "hardbreak") breaks++;
      if (token.type !== "image") continue;
      const src = md.normalizeLinkText(token.attrGet("src") ?? "");
      const alt = md.renderer.renderInlineAsText(token.children ?? [], md.options, {});
      const line = block.map ? block.map[0] + breaks + 1 : undefined;
      images.push({ src, alt, title: token.attrGet("title") ?? "", ...(line === undefined ? {} : { line }) });
      token.type = "html_inline";
      token.content = imagePlaceholder(images.length - 1);
      token.children = null;
    }
  }
  return images;
}

/**
 * Cuts plain text so that it fits `max` characters (code points, ellipsis included), at a word
 * boundary when one is in the second half, never inside a character.
 */
export function truncateAtWord(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const window = chars.slice(0, max).join("");
  const space = window.lastIndexOf(" ");
  const kept = (
    space > window.length / 2 ? window.slice(0, space) : chars.slice(0, Math.max(0, max - 1)).join("")
  ).replace(/[\s,;:.\-–—]+$/, "");
  return `${kept}…`;
}
