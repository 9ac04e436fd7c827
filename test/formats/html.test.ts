import { describe, expect, it } from "vitest";
import { escapeHtml, html, raw, SafeHtml } from "../../src/formats/html.ts";

describe("escapeHtml", () => {
  it.each([
    { text: "", want: "" },
    { text: "plain text", want: "plain text" },
    { text: "&", want: "&amp;" },
    { text: "<", want: "&lt;" },
    { text: ">", want: "&gt;" },
    { text: '"', want: "&quot;" },
    { text: "'", want: "&#39;" },
    {
      text: "<a href=\"x\" title='y'>Tom & Jerry</a>",
      want: "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
    },
    // Already-escaped text is escaped again: escapeHtml takes text, not HTML.
    { text: "&amp;", want: "&amp;amp;" },
    { text: "Київ — São Paulo 🎉", want: "Київ — São Paulo 🎉" },
  ])("$text -> $want", ({ text, want }) => {
    expect(escapeHtml(text)).toBe(want);
  });
});

describe("html tagged template", () => {
  it.each([
    { name: "string escaped", got: () => html`<p>${"<b>&</b>"}</p>`, want: "<p>&lt;b&gt;&amp;&lt;/b&gt;</p>" },
    {
      name: "attribute quotes escaped",
      got: () => html`<a title="${`"x" 'y'`}">`,
      want: '<a title="&quot;x&quot; &#39;y&#39;">',
    },
    { name: "number", got: () => html`<b>${42}</b>`, want: "<b>42</b>" },
    { name: "zero is not empty", got: () => html`<b>${0}</b>`, want: "<b>0</b>" },
    { name: "empty string", got: () => html`<b>${""}</b>`, want: "<b></b>" },
    { name: "null", got: () => html`<b>${null}</b>`, want: "<b></b>" },
    { name: "undefined", got: () => html`<b>${undefined}</b>`, want: "<b></b>" },
    { name: "false", got: () => html`<b>${false}</b>`, want: "<b></b>" },
    { name: "conditional part off", got: () => html`<p>${false && html`<i>x</i>`}</p>`, want: "<p></p>" },
    { name: "conditional part on", got: () => html`<p>${true && html`<i>x</i>`}</p>`, want: "<p><i>x</i></p>" },
    { name: "empty array", got: () => html`<ul>${[]}</ul>`, want: "<ul></ul>" },
    { name: "array joined without separator", got: () => html`<ul>${["a", "b", "c"]}</ul>`, want: "<ul>abc</ul>" },
    { name: "array items escaped", got: () => html`${["<", ">"]}`, want: "&lt;&gt;" },
    { name: "array skips null/undefined/false", got: () => html`${["a", null, undefined, false, "b"]}`, want: "ab" },
    { name: "nested arrays", got: () => html`${["a", ["<b>", ["c"]]]}`, want: "a&lt;b&gt;c" },
    { name: "raw passes through", got: () => html`<div>${raw("<em>ok</em>")}</div>`, want: "<div><em>ok</em></div>" },
    { name: "SafeHtml instance passes through", got: () => html`${new SafeHtml("<hr>")}`, want: "<hr>" },
    {
      name: "nested html is not escaped twice",
      got: () => html`<ul>${["Tom & Jerry", "<x>"].map((item) => html`<li>${item}</li>`)}</ul>`,
      want: "<ul><li>Tom &amp; Jerry</li><li>&lt;x&gt;</li></ul>",
    },
    { name: "no interpolations", got: () => html`<p>static &amp; fine</p>`, want: "<p>static &amp; fine</p>" },
    { name: "adjacent values", got: () => html`${"a"}${"&"}${"b"}`, want: "a&amp;b" },
    { name: "Unicode kept", got: () => html`<p>${"Київ 🎉 “quotes”"}</p>`, want: "<p>Київ 🎉 “quotes”</p>" },
  ])("$name", ({ got, want }) => {
    const out = got();
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe(want);
  });

  it("toString gives the HTML, so a result can be used as a string", () => {
    expect(`${html`<b>${"&"}</b>`}`).toBe("<b>&amp;</b>");
    expect(String(raw("<i>"))).toBe("<i>");
  });

  it("an object that merely looks like SafeHtml is still escaped", () => {
    // Structurally this even type-checks as SafeHtml; only real instances may pass unescaped.
    const impostor = { value: "<script>", toString: () => "<script>" };
    expect(html`${impostor}`.value).toBe("&lt;script&gt;");
  });
});
