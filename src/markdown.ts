// Article bodies: Markdown to HTML with raw HTML off, and the plain-text summary derived from them.
import MarkdownIt from "markdown-it";
import anchor from "markdown-it-anchor";
import { slugify } from "./slug.ts";

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

/** Rendered body and a summary taken from its first paragraph. */
export interface RenderedBody {
  html: string;
  firstParagraph: string;
}

/** Renders a body and extracts its first paragraph as plain text. */
export function renderBody(md: MarkdownIt, body: string): RenderedBody {
  const env = {};
  const tokens = md.parse(body, env);
  const open = tokens.findIndex((t) => t.type === "paragraph_open");
  const inline = open === -1 ? undefined : tokens[open + 1];
  const firstParagraph = (inline?.children ?? [])
    .map((t) => (t.type === "softbreak" || t.type === "hardbreak" ? " " : t.type === "text" || t.type === "code_inline" ? t.content : ""))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return { html: md.renderer.render(tokens, md.options, env), firstParagraph };
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
  const kept = (space > window.length / 2 ? window.slice(0, space) : chars.slice(0, Math.max(0, max - 1)).join("")).replace(/[\s,;:.\-–—]+$/, "");
  return `${kept}…`;
}
