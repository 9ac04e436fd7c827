import { describe, expect, it } from "vitest";
import { checkBodyImages, placeImages } from "../../src/images/body-images.ts";
import { formatProblems } from "../../src/content/errors.ts";
import { imagePlaceholder } from "../../src/content/markdown.ts";

const ref = (src: string, alt: string, title = "", line: number | null = 3) => ({
  src,
  alt,
  title,
  ...(line === null ? {} : { line }),
});

describe("checkBodyImages", () => {
  it.each([
    ["a relative path with alt text", ref("./photo.jpg", "Boats"), { path: "./photo.jpg", alt: "Boats", line: 12 }],
    ["a path without ./", ref("photo.jpg", "Boats"), { path: "photo.jpg", alt: "Boats", line: 12 }],
    [
      "a title, kept as the tooltip",
      ref("a.jpg", "Boats", "Photo: Coast FM"),
      { path: "a.jpg", alt: "Boats", title: "Photo: Coast FM", line: 12 },
    ],
    ["empty alt marked decorative", ref("rule.png", "", "decorative"), { path: "rule.png", alt: "", line: 12 }],
    [
      "decorative in any case, with spaces",
      ref("rule.png", "", " Decorative "),
      { path: "rule.png", alt: "", line: 12 },
    ],
    [
      "Unicode alt text, trimmed",
      ref("./São Marcos.jpg", "  Café on the ferry quay ☕ "),
      { path: "./São Marcos.jpg", alt: "Café on the ferry quay ☕", line: 12 },
    ],
    ["no known line", ref("a.jpg", "A", "", null), { path: "a.jpg", alt: "A" }],
  ])("accepts %s", (_label, input, expected) => {
    expect(checkBodyImages("content/articles/a.md", [input], 10)).toEqual({ images: [expected], problems: [] });
  });

  it("reports every problem of a body, with file lines, in one format", () => {
    const refs = [
      ref("./crowd.jpg", ""),
      ref("./crowd.jpg", "   "),
      ref("https://example.com/map.png", "Map"),
      ref("//cdn.example/x.jpg", "X"),
      ref("data:image/png;base64,AAAA", "Dot"),
      ref("/media/x.jpg", "X"),
      ref("http://example.com/y.png", ""),
      ref("./fine.jpg", "Fine"),
    ];
    const { images, problems } = checkBodyImages("content/articles/a.md", refs, 8);
    expect(images.map((i) => i.path)).toEqual(["./fine.jpg"]);
    expect(formatProblems(problems)).toMatchInlineSnapshot(`
      "content/articles/a.md: 8 problems
        line 10: body: image "./crowd.jpg" has no alt text; describe what it shows, as in ![Boats in the harbour at dawn](./crowd.jpg), or mark it decorative with the title "decorative": ![](./crowd.jpg "decorative")
        line 10: body: image "./crowd.jpg" has no alt text; describe what it shows, as in ![Boats in the harbour at dawn](./crowd.jpg), or mark it decorative with the title "decorative": ![](./crowd.jpg "decorative")
        line 10: body: image "https://example.com/map.png" is not a file of this site; save the image next to the article and write its path, such as ![Map](./photo.jpg): pages may only show the site's own images (Content-Security-Policy img-src 'self')
        line 10: body: image "//cdn.example/x.jpg" is not a file of this site; save the image next to the article and write its path, such as ![X](./photo.jpg): pages may only show the site's own images (Content-Security-Policy img-src 'self')
        line 10: body: image "data:image/png;base64,AAAA" is not a file of this site; save the image next to the article and write its path, such as ![Dot](./photo.jpg): pages may only show the site's own images (Content-Security-Policy img-src 'self')
        line 10: body: image "/media/x.jpg" must be a path relative to the article file, such as ./photo.jpg
        line 10: body: image "http://example.com/y.png" is not a file of this site; save the image next to the article and write its path, such as ![what it shows](./photo.jpg): pages may only show the site's own images (Content-Security-Policy img-src 'self')
        line 10: body: image "http://example.com/y.png" has no alt text; describe what it shows, as in ![Boats in the harbour at dawn](http://example.com/y.png), or mark it decorative with the title "decorative": ![](http://example.com/y.png "decorative")
        See README.md#front-matter"
    `);
  });

  it("accepts a body without images", () => {
    expect(checkBodyImages("a.md", [], 5)).toEqual({ images: [], problems: [] });
  });
});

describe("placeImages", () => {
  it("puts each picture where its placeholder is, and only there", () => {
    const html = `<p>${imagePlaceholder(0)} and ${imagePlaceholder(1)}</p><p>${imagePlaceholder(10)}</p>`;
    const pictures = Array.from({ length: 11 }, (_, n) => `<img alt="${n}">`);
    expect(placeImages(html, pictures)).toBe('<p><img alt="0"> and <img alt="1"></p><p><img alt="10"></p>');
  });

  it("inserts a picture literally, even with $ patterns in it", () => {
    expect(placeImages(`<p>${imagePlaceholder(0)}</p>`, ['<img alt="$& $1 $$">'])).toBe('<p><img alt="$& $1 $$"></p>');
  });

  it("leaves HTML without images as it is", () => {
    expect(placeImages("<p>Text</p>", [])).toBe("<p>Text</p>");
  });
});
