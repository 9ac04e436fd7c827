// Search records: only the headline and the body are searchable; meta, filters and sort keys.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/digest/digest.ts";
import { plainText, searchKey, searchLanguage, searchRecords } from "../../src/search/records.ts";
import { article, testSettings } from "../helpers/articles.ts";

describe("plainText", () => {
  it.each([
    { html: "", want: "" },
    { html: "<p>One.</p>\n<p>Two.</p>", want: "One. Two." },
    // Block ends separate words even without a newline between them.
    { html: '<h2 id="x">Head</h2><p>Body</p><ul><li>a</li><li>b</li></ul>', want: "Head Body a b" },
    {
      html: "<p>Fish &amp; chips &lt;b&gt; &quot;quoted&quot; &#39;it&#39;s&#39;</p>",
      want: "Fish & chips <b> \"quoted\" 'it's'",
    },
    { html: "<p>Line<br>break</p><hr><p>after</p>", want: "Line break after" },
    { html: '<p><a href="https://x.example">link</a> and <em>em</em>phasis</p>', want: "link and emphasis" },
    { html: "<p>Київ — São Marcos 🦀 &#x1F600; &#128512;</p>", want: "Київ — São Marcos 🦀 😀 😀" },
    { html: "<p>an &unknown; entity and &#0; stay</p>", want: "an &unknown; entity and &#0; stay" },
    { html: "<pre><code>let a = 1;\n  let b = 2;</code></pre>", want: "let a = 1; let b = 2;" },
  ])("$html → $want", ({ html, want }) => {
    expect(plainText(html)).toBe(want);
  });
});

describe("searchLanguage", () => {
  it.each([
    ["en", "en"],
    ["en-GB", "en"],
    ["pt-BR", "pt"],
    ["zh-Hant-TW", "zh"],
    ["DE", "de"],
  ])("%s → %s", (tag, want) => {
    expect(searchLanguage(tag)).toBe(want);
  });
});

describe("searchRecords", () => {
  const settings = { ...testSettings, language: "uk-UA", timeZone: "Europe/Kyiv", locale: "en-GB" };
  const full = article(
    "bridge",
    "2025-08-15T19:05:00+03:00",
    {
      title: "Міст «Harbour» reopens",
      tags: ["Transport", "São Marcos"],
      source: "Courier & Co",
      summary: "A summary that is not indexed.",
      bodyHtml: '<p>The bridge &amp; the road.</p><h2 id="more">More</h2><p>Second.</p>',
      author: "Ann Byline",
    },
    "Europe/Kyiv",
  );
  const bare = article(
    "own-item",
    "2025-08-14T23:30:00Z",
    { title: "Own item", bodyHtml: "<p>Body only.</p>" },
    "Europe/Kyiv",
  );

  it("makes one record per article with only the headline and the body as its text", () => {
    const [first, second] = searchRecords(buildDigest(settings, [bare, full]));
    expect(first).toEqual({
      url: "/2025/08/15/bridge/",
      content: "Міст «Harbour» reopens\nThe bridge & the road. More Second.",
      language: "uk",
      meta: {
        title: "Міст «Harbour» reopens",
        source: "Courier & Co",
        date: "2025-08-15T19:05:00+03:00",
        time: expect.stringContaining("15 August 2025"),
      },
      filters: { tag: ["Transport", "São Marcos"], source: ["Courier & Co"] },
      sort: { date: "2025-08-15T16:05:00.000Z" },
    });
    // Nothing of the summary, the byline or the related list is searchable.
    expect(first?.content).not.toMatch(/summary|Byline|Own item/);
    // An article without tags or source: empty filters, no source in meta; its day is Kyiv's.
    expect(second).toMatchObject({
      url: "/2025/08/15/own-item/",
      content: "Own item\nBody only.",
      filters: { tag: [], source: [] },
      sort: { date: "2025-08-14T23:30:00.000Z" },
    });
    expect(second?.meta).not.toHaveProperty("source");
  });

  it("gives sort keys in UTC, so that string order is time order whatever offset a date was written with", () => {
    const a = article("a", "2025-08-15T10:00:00+02:00"); // 08:00 UTC
    const b = article("b", "2025-08-15T09:00:00Z"); // 09:00 UTC: later, though its local hour is earlier
    const keys = searchRecords(buildDigest(testSettings, [a, b])).map((r) => r.sort.date ?? "");
    expect(keys).toEqual(["2025-08-15T09:00:00.000Z", "2025-08-15T08:00:00.000Z"]);
    expect([...keys].sort()).toEqual([...keys].reverse());
  });

  it("leaves out expired items, which have left every listing, and gives nothing for no articles", () => {
    const now = DateTime.fromISO("2025-09-01T00:00:00Z");
    const expired = article("old", "2025-08-01T09:00:00Z", { expires: DateTime.fromISO("2025-08-10T00:00:00Z") });
    const current = article("new", "2025-08-20T09:00:00Z");
    expect(searchRecords(buildDigest(testSettings, [expired, current], new Map(), {}, now)).map((r) => r.url)).toEqual([
      "/2025/08/20/new/",
    ]);
    expect(searchRecords(buildDigest(testSettings, []))).toEqual([]);
  });
});

describe("searchKey", () => {
  const base = [
    article("a", "2025-08-15T09:00:00Z", { tags: ["One"], source: "S" }),
    article("b", "2025-08-16T09:00:00Z"),
  ];
  const key = (articles = base, version = "v1") => searchKey(buildDigest(testSettings, articles), version);

  it("is the same for the same records and version", () => {
    expect(key()).toBe(key());
  });

  it.each([
    ["a headline", { title: "New headline" }],
    ["a body", { bodyHtml: "<p>Changed.</p>" }],
    ["the tags", { tags: ["Two"] }],
    ["the source", { source: "T" }],
    ["the time", { date: DateTime.fromISO("2025-08-15T10:00:00Z") }],
  ])("changes with %s", (_, change) => {
    expect(key([{ ...base[0]!, ...change }, base[1]!])).not.toBe(key());
  });

  it("changes with the version and with the set of articles, not with what the index does not hold", () => {
    expect(key(base, "v2")).not.toBe(key());
    expect(key([base[0]!])).not.toBe(key());
    expect(key([{ ...base[0]!, summary: "Another summary", author: "Someone" }, base[1]!])).toBe(key());
  });
});
