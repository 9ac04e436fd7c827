// Well-formedness, stricter than fast-xml-parser's validator (which lets a bare & and < pass in attributes).
import { XMLValidator } from "fast-xml-parser";

/** True when `xml` parses, and outside CDATA has no bare `&` and no `<` inside an attribute. */
export function wellFormed(xml: string): boolean {
  const outsideCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "");
  return (
    XMLValidator.validate(xml) === true &&
    !/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)/i.test(outsideCdata) &&
    !/="[^"]*</.test(outsideCdata)
  );
}
