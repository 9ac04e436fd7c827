import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { escapeXml, withoutInvalidXmlChars, xmlAttributes, xmlCdata, xmlElement } from "../../src/formats/xml.ts";
import { wellFormed } from "../helpers/xml.ts";

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

describe("escapeXml", () => {
  it.each([
    { text: "plain", want: "plain" },
    { text: `Ben & Jerry's <b>"x"</b>`, want: "Ben &amp; Jerry&apos;s &lt;b&gt;&quot;x&quot;&lt;/b&gt;" },
    { text: "São ☕ 東京 😀", want: "São ☕ 東京 😀" },
    { text: "bell\u0007 nul\u0000 lone\uD800 tab\t", want: "bell nul lone tab\t" },
    { text: "a ]]> b", want: "a ]]&gt; b" },
    { text: "&amp; stays text", want: "&amp;amp; stays text" },
    { text: "", want: "" },
  ])("$text", ({ text, want }) => {
    expect(escapeXml(text)).toBe(want);
  });
});

describe("withoutInvalidXmlChars", () => {
  it("keeps tabs, newlines, astral characters and U+FFFD; drops controls, lone surrogates and U+FFFE", () => {
    expect(withoutInvalidXmlChars("a\tb\nc\r😀\uFFFD\u0001\uDC00\uFFFE")).toBe("a\tb\nc\r😀\uFFFD");
  });
});

describe("xmlElement and xmlAttributes", () => {
  it("escapes text and attributes, leaves out undefined attributes and reads back as given", () => {
    const xml = xmlElement("source", `Ben & <Jerry's>`, {
      url: `https://e.example/?a=1&b="2"`,
      length: undefined,
      n: 0,
    });
    expect(xml).toBe(
      `<source url="https://e.example/?a=1&amp;b=&quot;2&quot;" n="0">Ben &amp; &lt;Jerry&apos;s&gt;</source>`,
    );
    expect(wellFormed(xml)).toBe(true);
    expect(parser.parse(xml).source).toEqual({
      "#text": `Ben & <Jerry's>`,
      "@_url": `https://e.example/?a=1&b="2"`,
      "@_n": "0",
    });
  });

  it("writes nothing for no attributes", () => {
    expect(xmlAttributes({})).toBe("");
  });
});

describe("xmlCdata", () => {
  it.each([{ markup: "<p>a & b</p>" }, { markup: "<p>a ]]> b ]]> c</p>" }, { markup: "]]>" }, { markup: "" }])(
    "$markup survives intact",
    ({ markup }) => {
      const xml = `<c>${xmlCdata(markup)}</c>`;
      expect(wellFormed(xml)).toBe(true);
      expect(new XMLParser({ cdataPropName: false }).parse(xml).c ?? "").toBe(markup);
    },
  );

  it("drops characters XML cannot carry", () => {
    expect(xmlCdata("a\u0000b")).toBe("<![CDATA[ab]]>");
  });
});
