// Page metadata: Open Graph fields and JSON-LD that no author field can break out of.
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.ts";
import { articleMeta, jsonLdText, listMeta, ogLocale } from "../../src/formats/structured-data.ts";
import { article, testSettings } from "../helpers/articles.ts";

describe("jsonLdText", () => {
  it.each([
    ["</script><script>alert(1)</script>", "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"],
    ["<!-- comment", "\\u003c!-- comment"],
    ["A & B", "A \\u0026 B"],
    ["line\u2028separator", "line\\u2028separator"],
    ["paragraph\u2029separator", "paragraph\\u2029separator"],
  ])("escapes %j", (value, escaped) => {
    const text = jsonLdText({ headline: value });
    expect(text).toBe(`{"headline":"${escaped}"}`);
    expect(text).not.toMatch(/<|>/);
    expect(JSON.parse(text)).toEqual({ headline: value });
  });
});

describe("articleMeta", () => {
  const long =
    "A headline that goes on and on about the council, the harbour, the budget, the strike and the weather for far too long";
  const digest = buildDigest(testSettings, [
    article("a", "2025-08-15T09:00:00Z", {
      title: long,
      tags: ["Ports"],
      author: "Ines Okafor",
      sourceUrl: "https://courier.example/a",
    }),
    article("b", "2025-08-15T10:00:00+02:00", { tags: ["Ports"] }),
  ]);
  const [first, second] = [
    digest.articlePages.find((p) => p.url.endsWith("/a/"))!,
    digest.articlePages.find((p) => p.url.endsWith("/b/"))!,
  ];

  it("cuts the headline cleanly at 110 characters", () => {
    const headline = articleMeta(first, testSettings).jsonLd!.headline as string;
    expect(long.length).toBeGreaterThan(110);
    expect(headline.length).toBeLessThanOrEqual(110);
    expect(headline.endsWith("…")).toBe(true);
    expect(headline.at(-2)).not.toBe(" ");
    expect(long.startsWith(headline.slice(0, -1))).toBe(true);
  });

  it("dates keep their zone, the source is isBasedOn, the byline is a Person", () => {
    const data = articleMeta(first, testSettings).jsonLd!;
    expect(data).toMatchObject({
      "@type": "NewsArticle",
      datePublished: "2025-08-15T09:00:00Z",
      dateModified: "2025-08-15T09:00:00Z",
      author: { "@type": "Person", name: "Ines Okafor" },
      publisher: { "@type": "Organization", name: testSettings.title },
      isBasedOn: "https://courier.example/a",
      url: "https://news.example.org/2025/08/15/a/",
    });
    expect(articleMeta(second, testSettings).jsonLd).toMatchObject({
      datePublished: "2025-08-15T10:00:00+02:00",
      author: { "@type": "Organization" },
    });
    expect(articleMeta(second, testSettings).jsonLd).not.toHaveProperty("isBasedOn");
  });

  it("gives Open Graph article fields", () => {
    expect(articleMeta(first, testSettings)).toMatchObject({
      type: "article",
      published: "2025-08-15T09:00:00Z",
      tags: ["Ports"],
    });
  });

  it.each([
    ["no image", {}, undefined, undefined],
    [
      "only a lead image: the image as it is",
      { image: { url: "/media/a-800.jpg", alt: "Boats", width: 800, height: 533 } },
      "https://news.example.org/media/a-800.jpg",
      undefined,
    ],
    [
      "a card: the card for previews, the lead image in JSON-LD",
      {
        image: { url: "/media/a-800.jpg", alt: "Boats", width: 800, height: 533 },
        card: { url: "/media/a-card.jpg", alt: "Boats", width: 1200, height: 630 },
      },
      "https://news.example.org/media/a-card.jpg",
      1200,
    ],
  ])("og:image with %s", (_name, images, url, width) => {
    const meta = articleMeta({ ...first, ...images }, testSettings);
    expect(meta.image?.url).toBe(url);
    if (width) expect(meta.image?.width).toBe(width);
    if ("image" in images) expect(meta.jsonLd?.image).toEqual(["https://news.example.org/media/a-800.jpg"]);
  });
});

describe("listMeta", () => {
  it("lists the page's articles in order as an ItemList", () => {
    const digest = buildDigest(testSettings, [
      article("a", "2025-08-15T09:00:00Z"),
      article("b", "2025-08-16T09:00:00Z"),
    ]);
    const data = listMeta(digest.homePages[0]!, "Latest", testSettings).jsonLd!;
    expect(data).toMatchObject({
      "@type": "CollectionPage",
      mainEntity: {
        "@type": "ItemList",
        numberOfItems: 2,
        itemListElement: [
          { position: 1, url: "https://news.example.org/2025/08/16/b/" },
          { position: 2, url: "https://news.example.org/2025/08/15/a/" },
        ],
      },
    });
  });
});

it.each([
  ["en-GB", "en_GB"],
  ["en", "en"],
  ["pt-BR", "pt_BR"],
])("ogLocale(%s) is %s", (language, locale) => expect(ogLocale(language)).toBe(locale));
