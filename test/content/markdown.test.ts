import { describe, expect, it } from "vitest";
import { createMarkdown, markdownDefaults, renderBody, truncateAtWord } from "../../src/content/markdown.ts";

const md = createMarkdown();
const render = (body: string) => renderBody(md, body);

describe("renderBody html", () => {
  it.each([
    { name: "empty body", body: "", want: "" },
    {
      name: "raw script shown as text",
      body: "<script>alert(1)</script>",
      want: "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
    },
    // Shown as text, so the typographer curls its quotes like any other text.
    {
      name: "inline raw HTML shown as text",
      body: 'a <b onclick="x()">b</b>',
      want: "<p>a &lt;b onclick=“x()”&gt;b&lt;/b&gt;</p>\n",
    },
    { name: "typographic double quotes", body: 'He said "yes"', want: "<p>He said “yes”</p>\n" },
    { name: "typographic single quotes and apostrophe", body: "'Kyiv's mayor'", want: "<p>‘Kyiv’s mayor’</p>\n" },
    { name: "en and em dashes", body: "9--5 and then --- more", want: "<p>9–5 and then — more</p>\n" },
    { name: "ellipsis", body: "Wait...", want: "<p>Wait…</p>\n" },
    { name: "quotes in code are left alone", body: '`"x" -- y`', want: "<p><code>&quot;x&quot; -- y</code></p>\n" },
    { name: "body h1 becomes h2 with id", body: "# Big news", want: '<h2 id="big-news">Big news</h2>\n' },
    { name: "h2 keeps its level", body: "## Sub head", want: '<h2 id="sub-head">Sub head</h2>\n' },
    { name: "h3 keeps its level", body: "### Détails", want: '<h3 id="details">Détails</h3>\n' },
    { name: "heading with no slug letters", body: "## 🎉", want: '<h2 id="section">🎉</h2>\n' },
    {
      name: "repeated headings get distinct ids",
      body: "## Update\n\n## Update",
      want: '<h2 id="update">Update</h2>\n<h2 id="update-1">Update</h2>\n',
    },
    {
      name: "javascript: link not linked",
      body: "[click](javascript:alert(1))",
      want: "<p>[click](javascript:alert(1))</p>\n",
    },
    {
      name: "JavaScript: in capitals not linked",
      body: "[click](JavaScript:alert(1))",
      want: "<p>[click](JavaScript:alert(1))</p>\n",
    },
    {
      name: "javascript: autolink not linked",
      body: "<javascript:alert(1)>",
      want: "<p>&lt;javascript:alert(1)&gt;</p>\n",
    },
    {
      name: "https link is linked",
      body: "[BBC](https://bbc.co.uk)",
      want: '<p><a href="https://bbc.co.uk">BBC</a></p>\n',
    },
    { name: "bare URL is not linkified", body: "see https://example.org", want: "<p>see https://example.org</p>\n" },
    { name: "template syntax stays literal", body: "{{ x }} and {% if y %}", want: "<p>{{ x }} and {% if y %}</p>\n" },
    { name: "Unicode text", body: "Київ 🎉 São Paulo", want: "<p>Київ 🎉 São Paulo</p>\n" },
  ])("$name", ({ body, want }) => {
    expect(render(body).html).toBe(want);
  });

  it("never emits an h1, whatever the body holds", () => {
    expect(render("# One\n\nText\n\n# Two\n\nSetext\n===").html).not.toMatch(/<h1/);
  });

  it("lets raw HTML through only when asked to", () => {
    expect(markdownDefaults.html).toBe(false);
    expect(renderBody(createMarkdown({ html: true }), "<b>x</b>").html).toBe("<p><b>x</b></p>\n");
  });
});

describe("renderBody firstParagraph", () => {
  it.each([
    { name: "empty body", body: "", want: "" },
    { name: "only headings", body: "# Title\n\n## More", want: "" },
    {
      name: "markup removed",
      body: "First *para* with [a link](https://a.b) and `code`.",
      want: "First para with a link and code.",
    },
    { name: "soft line break becomes a space", body: "line one\nline two", want: "line one line two" },
    { name: "hard line break becomes a space", body: "line one  \nline two", want: "line one line two" },
    { name: "only the first paragraph", body: "One.\n\nTwo.", want: "One." },
    { name: "skips a heading before it", body: "# Head\n\nBody text.", want: "Body text." },
    { name: "raw HTML kept as plain text, not markup", body: "<b>bold</b> move", want: "<b>bold</b> move" },
    { name: "entities decoded", body: "Tom &amp; Jerry", want: "Tom & Jerry" },
    { name: "escapes decoded", body: "\\*not emphasis\\*", want: "*not emphasis*" },
    { name: "typography applied", body: '"Quoted" -- yes', want: "“Quoted” – yes" },
    { name: "image alt text dropped", body: "![a photo](p.jpg) Caption here", want: "Caption here" },
    { name: "whitespace collapsed and trimmed", body: "  spaced    out  ", want: "spaced out" },
    { name: "Unicode", body: "Київ — 🎉", want: "Київ — 🎉" },
  ])("$name", ({ body, want }) => {
    expect(render(body).firstParagraph).toBe(want);
  });
});

describe("truncateAtWord", () => {
  it.each([
    { text: "", max: 10, want: "" },
    { text: "short", max: 10, want: "short" },
    { text: "exactly 10", max: 10, want: "exactly 10" },
    { text: "The quick brown fox jumps", max: 10, want: "The quick…" },
    // "The quick brown" fills all 15 characters, leaving no room for the ellipsis.
    { text: "The quick brown fox jumps", max: 15, want: "The quick…" },
    { text: "The quick brown fox jumps", max: 16, want: "The quick brown…" },
    { text: "one two three", max: 12, want: "one two…" },
    // Trailing punctuation before the cut is dropped, not left before the ellipsis.
    { text: "Kyiv, Lviv, Odesa and more", max: 12, want: "Kyiv, Lviv…" },
    { text: "End of story. Next one", max: 16, want: "End of story…" },
    { text: "War — peace — war again", max: 15, want: "War — peace…" },
    { text: "Київ і Львів сьогодні", max: 14, want: "Київ і Львів…" },
  ])("$text at $max -> $want", ({ text, max, want }) => {
    expect(truncateAtWord(text, max)).toBe(want);
  });

  it.each([
    { text: "The quick brown fox jumps over the lazy dog", max: 20 },
    { text: "Київ і Львів сьогодні", max: 14 },
    { text: "a bb ccc dddd eeeee", max: 9 },
  ])("cuts $text only at a space", ({ text, max }) => {
    const out = truncateAtWord(text, max);
    expect(out.endsWith("…")).toBe(true);
    expect(out.length).toBeLessThanOrEqual(max);
    expect(text.startsWith(out.slice(0, -1))).toBe(true);
    expect([" ", ",", ".", undefined]).toContain(text[out.length - 1]);
  });

  // Regression: a hard cut inside a long word used to return max + 1 characters.
  it.each([
    { text: "abcdefghijklmnop", max: 8 },
    { text: "Supercalifragilistic word", max: 12 },
  ])("a word longer than half of $max still fits $max characters: $text", ({ text, max }) => {
    expect(truncateAtWord(text, max).length).toBeLessThanOrEqual(max);
  });

  // Regression: the hard cut used to slice UTF-16 code units and could split an emoji.
  it("does not split an emoji in half", () => {
    const out = truncateAtWord("😀😀😀😀😀😀", 5);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe("renderBody images", () => {
  it.each([
    ["![Boats](./a.jpg)", [{ src: "./a.jpg", alt: "Boats", title: "", line: 1 }]],
    ['![](rule.png "decorative")', [{ src: "rule.png", alt: "", title: "decorative", line: 1 }]],
    ["![A *bold* move](b%20c.jpg)", [{ src: "b c.jpg", alt: "A bold move", title: "", line: 1 }]],
    ["Intro\n\nOne\ntwo ![X](x.png)", [{ src: "x.png", alt: "X", title: "", line: 4 }]],
    ["- item\n- ![Y](y.png)", [{ src: "y.png", alt: "Y", title: "", line: 2 }]],
    ["| a |\n|---|\n| ![T](t.png) |", [{ src: "t.png", alt: "T", title: "" }]],
    ["`![code](c.png)`\n\n    ![indented](i.png)", undefined],
    ["![ok](javascript:alert(1))", undefined],
  ])("%j", (body, images) => {
    expect(render(body).images).toEqual(images);
  });

  it("leaves a placeholder per image that authors cannot forge", () => {
    const { html } = render("![A](a.jpg) ![B](b.jpg)\n\n<!--broadsheet-image:0-->");
    expect(html).toBe(
      "<p><!--broadsheet-image:0--> <!--broadsheet-image:1--></p>\n<p>&lt;!–broadsheet-image:0–&gt;</p>\n",
    );
  });
});
