// Stories in the digest: listings show a story once, story pages and feeds, coverage on article pages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { pageKeys } from "../../src/digest/page-keys.ts";
import { articleMeta, storyMeta } from "../../src/formats/structured-data.ts";
import { type SiteStories, type StoryMemo, showOnce, siteStories } from "../../src/stories/site-stories.ts";
import { article, testSettings } from "../helpers/articles.ts";
import { applyEdit, editArb } from "../helpers/edits.ts";

const report = (slug: string, iso: string, source: string, extra: Partial<Article> = {}) =>
  article(slug, iso, {
    source,
    title: `Ostrand harbour bridge reopens in Northbridge after cable repairs (${source})`,
    summary: "Mayor Ilse Varga opened the repaired Ostrand bridge; the repairs cost 42 million crowns.",
    tags: ["Transport"],
    ...extra,
  });

const outlets = ["Courier", "Ledger", "Times", "Post", "Wire"];
const bridge = outlets.map((o, k) => report(`bridge-${k}`, `2026-11-02T${String(7 + k).padStart(2, "0")}:00:00Z`, o));
const other = article("library", "2026-11-02T12:00:00Z", {
  source: "Courier",
  title: "Ashford library to open on Sundays",
  summary: "The council found money for Sunday opening at the central library.",
  tags: ["Transport"],
});

describe("stories in the digest", () => {
  const digest = buildDigest(testSettings, [...bridge, other]);
  const teasersOf = (pages: { groups: { items: { url: string }[] }[] }[]) =>
    pages.flatMap((p) => p.groups.flatMap((g) => g.items.map((t) => t.url)));

  it("lists a story once on the home, day, tag and source pages, by its lead (the earliest report)", () => {
    const lead = bridge[0]!.url;
    expect(teasersOf(digest.homePages)).toEqual([other.url, lead]);
    expect(digest.dayPages[0]!.group.items.map((t) => t.url)).toEqual([other.url, lead]);
    // The day's page still counts every article published that day.
    expect(digest.dayPages[0]!.articles).toBe(6);
    expect(teasersOf(digest.tagPages)).toEqual([other.url, lead]);
    // The Ledger's listing holds only its own report: that report stands for the story there.
    expect(teasersOf(digest.sourcePages.filter((p) => p.heading === "Ledger"))).toEqual([bridge[1]!.url]);
  });

  it("names three other outlets under the lead, then counts the rest", () => {
    const lead = digest.homePages[0]!.groups[0]!.items[1]!;
    expect(lead.coverage).toEqual({
      story: {
        url: "/stories/ostrand-harbour-bridge-reopens-in-northbridge-after-cable-repairs-courier/",
        label: bridge[0]!.title,
      },
      others: [1, 2, 3].map((k) => ({ url: bridge[k]!.url, label: outlets[k] })),
      more: 1,
    });
  });

  it("makes a story page with every report newest first, and its Atom, RSS and JSON feeds", () => {
    expect(digest.storyPages).toHaveLength(1);
    const page = digest.storyPages[0]!;
    expect(page.items.map((t) => t.url)).toEqual([...bridge].reverse().map((a) => a.url));
    const feeds = digest.feedFiles.filter((f) => f.url.startsWith(page.url));
    expect(feeds.map((f) => f.format)).toEqual(["atom", "rss", "json"]);
    expect(feeds[0]!.feed.pages.map((p) => p.url)).toEqual(page.items.map((t) => t.url));
    expect(storyMeta(page, testSettings).jsonLd).toMatchObject({
      "@type": "CollectionPage",
      "@id": `${testSettings.url}${page.url}`,
      mainEntity: { "@type": "ItemList", numberOfItems: 5 },
    });
  });

  it("gives an article its story's other reports and never relates them", () => {
    const page = digest.articlePages.find((p) => p.url === bridge[2]!.url)!;
    expect(page.story?.url).toBe(digest.storyPages[0]!.url);
    expect(page.coverage?.map((t) => t.url)).toEqual([4, 3, 1, 0].map((k) => bridge[k]!.url));
    expect(page.related.map((r) => r.teaser.url)).toEqual([other.url]);
    expect(articleMeta(page, testSettings).jsonLd?.isPartOf).toMatchObject({ "@type": "CollectionPage" });
  });

  it("changes the story page's key, and the lead's listings', when a report joins the story", () => {
    const late = report("bridge-late", "2026-11-03T09:00:00Z", "Lantern");
    const before = pageKeys(digest, "v1");
    const after = pageKeys(buildDigest(testSettings, [...bridge, other, late]), "v1");
    const story = digest.storyPages[0]!.url;
    expect(after.get(story)).not.toBe(before.get(story));
    expect(after.get("/")).not.toBe(before.get("/"));
    // A report's page lists the other reports under "Coverage of this story".
    expect(after.get(bridge[2]!.url)).not.toBe(before.get(bridge[2]!.url));
  });
});

describe("showOnce", () => {
  it("keeps an unrelated list as it is, and the first report when the lead is not listed", () => {
    const stories = siteStories([...bridge, other]);
    expect(showOnce([], stories)).toEqual([]);
    expect(showOnce([other], stories)).toEqual([other]);
    expect(showOnce([bridge[3]!, bridge[2]!, other], stories)).toEqual([bridge[3], other]);
  });
});

describe("siteStories between dev rebuilds", () => {
  // Headlines of three events and one unrelated, so that an edit can move a report between stories.
  const HEADLINES = [
    "Ostrand harbour bridge reopens in Northbridge after cable repairs",
    "Floods close the Varga valley rail line near Ashford for a week",
    "Council of Northbridge votes 42 million crowns for Ostrand schools",
    "Ashford library opens on Sundays",
  ];
  const SUMMARIES = [
    "Mayor Ilse Varga opened the repaired Ostrand bridge; the repairs cost 42 million crowns.",
    "Engineers say the Varga valley line will stay shut while the Ashford embankment dries.",
    "The Northbridge council approved the Ostrand schools budget by nine votes to four.",
  ];
  const reportArb = fc.record({
    headline: fc.nat(HEADLINES.length - 1),
    summary: fc.nat(SUMMARIES.length - 1),
    outlet: fc.nat(outlets.length - 1),
    hour: fc.integer({ min: 0, max: 120 }),
    story: fc.option(fc.constantFrom("bridge-story", false as const), { nil: undefined, freq: 4 }),
  });
  type Report = { headline: number; summary: number; outlet: number; hour: number; story?: string | false | undefined };
  const made = (r: Report, n: number) =>
    article(`r-${n}`, new Date(Date.UTC(2026, 10, 2) + r.hour * 3_600_000).toISOString(), {
      source: outlets[r.outlet],
      title: `${HEADLINES[r.headline]} (${outlets[r.outlet]})`,
      summary: SUMMARIES[r.summary] ?? "",
      bodyHtml: `<p>${SUMMARIES[(r.summary + 1) % SUMMARIES.length]}</p><p>Edited ${n}.</p>`,
      firstParagraph: SUMMARIES[(r.summary + 1) % SUMMARIES.length] ?? "",
      ...(r.story === undefined ? {} : { story: r.story }),
    });
  const shape = (s: SiteStories) => s.list.map((x) => [x.id, x.lead.url, x.members.map((a) => a.url)]);

  it("after any sequence of edits, finds the stories a fresh detection finds", () => {
    fc.assert(
      fc.property(
        fc.array(reportArb, { minLength: 1, maxLength: 12 }),
        fc.array(editArb(reportArb), { maxLength: 6 }),
        (start, edits) => {
          const memo: StoryMemo = {};
          let n = 0;
          let list = start.map((r) => made(r, n++));
          const check = () => expect(shape(siteStories(list, memo))).toEqual(shape(siteStories(list)));
          check();
          for (const e of edits) {
            list = applyEdit(list, e, (r) => made(r, n++));
            check();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("reuses the last detection when no item's text, time, source or story changed", () => {
    const memo: StoryMemo = {};
    siteStories([...bridge, other], memo);
    const detection = memo.detection;
    // A body edit past the first paragraph: a new article object, the same item.
    const edited = { ...other, bodyHtml: `${other.bodyHtml}<p>A later paragraph.</p>` };
    siteStories([...bridge, edited], memo);
    expect(memo.detection).toBe(detection);
    siteStories([...bridge, { ...edited, title: "Ashford library opens on Sundays and holidays" }], memo);
    expect(memo.detection).not.toBe(detection);
  });
});
