// XML text and attributes, the one escaper of the feeds and sitemaps (HTML has html.ts, JSON-LD structured-data.ts).

// Characters XML 1.0 cannot carry at all, not even as references: https://www.w3.org/TR/xml/#charsets
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const XML_SPECIALS = /[&<>"']/g;

/** Text without the characters XML 1.0 forbids (control characters, lone surrogates). */
export function withoutInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML, "");
}

/** Escapes text for XML content and quoted attributes, dropping characters XML cannot hold. */
export function escapeXml(text: string): string {
  return withoutInvalidXmlChars(text).replace(XML_SPECIALS, (c) => XML_ESCAPES[c] ?? c);
}

/** Attributes (`name="value"`, escaped, each after a space) of the defined values, in the order given. */
export function xmlAttributes(attributes: Readonly<Record<string, string | number | undefined>>): string {
  let out = "";
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) out += ` ${name}="${escapeXml(String(value))}"`;
  }
  return out;
}

/** An element holding `text` escaped, with the given attributes. */
export function xmlElement(
  name: string,
  text: string,
  attributes: Readonly<Record<string, string | number | undefined>> = {},
): string {
  return `<${name}${xmlAttributes(attributes)}>${escapeXml(text)}</${name}>`;
}

/**
 * Markup as a CDATA section (a feed's HTML content: a fifth smaller than escaped, and readable). A `]]>`
 * inside would end the section, so it is split across two sections, which a parser joins back.
 */
export function xmlCdata(markup: string): string {
  return `<![CDATA[${withoutInvalidXmlChars(markup).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}
