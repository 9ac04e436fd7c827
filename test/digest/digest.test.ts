import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { article, testSettings } from "../helpers/articles.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { ContentError } from "../../src/content/errors.ts";

const settings = testSettings;
const at = (hour: number) => `2025-08-15T${String(hour).padStart(2, "0")}:00:00Z`;

describe("buildDigest with no articles", () => {
  it("gives one empty home page, no other listings and empty indexes", () => {
    const digest = buildDigest(settings, []);
    expect(digest.homePages).toEqual([
      {
        url: "/",
        heading: "The Broadsheet",
        kind: undefined,
        groups: [],
        pager: { number: 1, count: 1, previous: undefined, next: undefined },
      },
    ]);
    expect([digest.articlePages, digest.dayPages, digest.tagPages, digest.sourcePages]).toEqual([[], [], [], []]);
    expect(digest.indexPages).toEqual([
      { url: "/tags/", heading: "Tags", entries: [] },
      { url: "/sources/", heading: "Sources", entries: [] },
    ]);
  });
});

describe("buildDigest listings", () => {
  const five = [1, 2, 3, 4, 5].map((h) => article(`a${h}`, at(h), { tags: ["Ukraine"] }));
  const small = { ...settings, pageSize: 2 };

  it.each([
    {
      pageSize: 2,
      want: [
        ["/", undefined, "/page/2/", ["a5", "a4"]],
        ["/page/2/", "/", "/page/3/", ["a3", "a2"]],
        ["/page/3/", "/page/2/", undefined, ["a1"]],
      ],
    },
    { pageSize: 5, want: [["/", undefined, undefined, ["a5", "a4", "a3", "a2", "a1"]]] },
    { pageSize: 20, want: [["/", undefined, undefined, ["a5", "a4", "a3", "a2", "a1"]]] },
  ])("home pages with pageSize $pageSize: [url, previous, next, articles], newest first", ({ pageSize, want }) => {
    const { homePages } = buildDigest({ ...settings, pageSize }, [...five].reverse());
    expect(
      homePages.map((p) => [
        p.url,
        p.pager.previous,
        p.pager.next,
        p.groups.flatMap((g) => g.items.map((t) => t.url.split("/")[4])),
      ]),
    ).toEqual(want);
    expect(homePages.map((p) => [p.pager.number, p.pager.count])).toEqual(
      homePages.map((_, i) => [i + 1, homePages.length]),
    );
  });

  it("pages each tag and source under its own URL", () => {
    const articles = five.map((a, i) => ({ ...a, ...(i < 3 ? { source: "BBC" } : {}) }));
    const { tagPages, sourcePages } = buildDigest(small, articles);
    expect(tagPages.map((p) => [p.url, p.heading, p.kind, p.pager.next])).toEqual([
      ["/tags/ukraine/", "Ukraine", "Tag", "/tags/ukraine/page/2/"],
      ["/tags/ukraine/page/2/", "Ukraine", "Tag", "/tags/ukraine/page/3/"],
      ["/tags/ukraine/page/3/", "Ukraine", "Tag", undefined],
    ]);
    expect(sourcePages.map((p) => [p.url, p.kind, p.pager.previous, p.groups.flatMap((g) => g.items.length)])).toEqual([
      ["/sources/bbc/", "Source", undefined, [2]],
      ["/sources/bbc/page/2/", "Source", "/sources/bbc/", [1]],
    ]);
  });

  it("sorts index entries by count, then label, with the most common spelling", () => {
    const articles = [
      article("a", at(3), { tags: ["Kyiv", "nato"], source: "Reuters" }),
      article("b", at(2), { tags: ["kyiv", "NATO"], source: "AP" }),
      article("c", at(1), { tags: ["Kyiv", "Africa"] }),
    ];
    const [tags, sources] = buildDigest(settings, articles).indexPages;
    expect(tags!.entries).toEqual([
      { url: "/tags/kyiv/", label: "Kyiv", count: 3 },
      { url: "/tags/nato/", label: "NATO", count: 2 },
      { url: "/tags/africa/", label: "Africa", count: 1 },
    ]);
    expect(sources!.entries.map((e) => e.label)).toEqual(["AP", "Reuters"]);
  });

  it("throws a ContentError when two tags would share a URL", () => {
    expect(() =>
      buildDigest(settings, [article("a", at(1), { tags: ["C++"] }), article("b", at(2), { tags: ["C"] })]),
    ).toThrow(ContentError);
  });
});

describe("buildDigest days", () => {
  it.each([
    {
      zone: "Europe/Kyiv",
      want: [
        ["2025-08-16", "/2025/08/16/", "Saturday 16 August 2025", 1],
        ["2025-08-15", "/2025/08/15/", "Friday 15 August 2025", 1],
      ],
    },
    { zone: "UTC", want: [["2025-08-15", "/2025/08/15/", "Friday 15 August 2025", 2]] },
  ])("groups by the day in $zone", ({ zone, want }) => {
    const late = article("late", "2025-08-15T23:30:00Z", {}, zone);
    const noon = article("noon", "2025-08-15T12:00:00Z", {}, zone);
    const { homePages, dayPages } = buildDigest({ ...settings, timeZone: zone }, [noon, late]);
    expect(homePages[0]!.groups.map((g) => [g.iso, g.url, g.heading, g.items.length])).toEqual(want);
    expect(dayPages.map((d) => d.url)).toEqual(want.map((w) => w[1]));
  });

  it("links each day page to the neighbouring days with articles", () => {
    const articles = [
      "2025-08-10T09:00:00Z",
      "2025-08-15T09:00:00Z",
      "2025-08-15T10:00:00Z",
      "2025-08-20T09:00:00Z",
    ].map((iso, i) => article(`d${i}`, iso));
    const { dayPages } = buildDigest(settings, articles);
    expect(dayPages.map((d) => [d.url, d.later?.url, d.earlier?.url, d.group.items.length])).toEqual([
      ["/2025/08/20/", undefined, "/2025/08/15/", 1],
      ["/2025/08/15/", "/2025/08/20/", "/2025/08/10/", 2],
      ["/2025/08/10/", "/2025/08/15/", undefined, 1],
    ]);
    expect(dayPages[1]!.earlier?.label).toBe("Sunday 10 August 2025");
  });
});

describe("buildDigest article pages", () => {
  it("links older and newer articles; same-second articles in URL order", () => {
    const articles = [article("b", at(9)), article("c", at(8)), article("a", at(9))];
    const pages = buildDigest(settings, articles).articlePages;
    expect(pages.map((p) => [p.url, p.newer?.url, p.older?.url, p.older?.label])).toEqual([
      ["/2025/08/15/a/", undefined, "/2025/08/15/b/", "Title b"],
      ["/2025/08/15/b/", "/2025/08/15/a/", "/2025/08/15/c/", "Title c"],
      ["/2025/08/15/c/", "/2025/08/15/b/", undefined, undefined],
    ]);
  });

  it("lists related teasers with shared tags as links, and [] when nothing is related", () => {
    const articles = [
      article("main", at(10), { tags: ["Ukraine", "NATO"] }),
      article("near", at(9), { tags: ["ukraine", "Ukraine-extra"] }),
      article("alone", at(8), { tags: ["Cats"] }),
    ];
    const pages = buildDigest(settings, articles).articlePages;
    const main = pages.find((p) => p.url.endsWith("/main/"))!;
    expect(main.related.map((r) => [r.teaser.url, r.sharedTags])).toEqual([
      ["/2025/08/15/near/", [{ url: "/tags/ukraine/", label: "Ukraine" }]],
    ]);
    expect(main.related[0]!.teaser.title).toBe("Title near");
    expect(pages.find((p) => p.url.endsWith("/alone/"))!.related).toEqual([]);
    expect(buildDigest({ ...settings, relatedCount: 0 }, articles).articlePages.map((p) => p.related)).toEqual([
      [],
      [],
      [],
    ]);
  });

  it("builds teasers with stamps, tag links, source link, draft flag and missing optional fields", () => {
    const articles = [
      article("full", "2025-08-15T17:05:00Z", {
        tags: ["kyiv"],
        source: "BBC",
        draft: true,
        author: "Ann",
        sourceUrl: "https://bbc.co.uk/x",
      }),
      article("bare", "2025-08-14T17:05:00Z", { tags: ["Kyiv"], updated: DateTime.fromISO("2025-08-14T18:00:00Z") }),
      article("other", "2025-08-13T17:05:00Z", { tags: ["Kyiv"] }),
    ];
    const [full, bare] = buildDigest({ ...settings, timeZone: "Europe/London" }, articles).articlePages;
    expect(full!.teaser).toEqual({
      url: "/2025/08/15/full/",
      title: "Title full",
      source: { url: "/sources/bbc/", label: "BBC" },
      published: { iso: "2025-08-15T17:05:00Z", text: "15 August 2025 at 18:05 BST" },
      summary: "About full",
      tags: [{ url: "/tags/kyiv/", label: "Kyiv" }],
      draft: true,
    });
    expect([full!.author, full!.sourceUrl, full!.updated]).toEqual(["Ann", "https://bbc.co.uk/x", undefined]);
    expect([bare!.teaser.source, bare!.teaser.draft, bare!.author, bare!.updated?.text]).toEqual([
      undefined,
      false,
      undefined,
      "14 August 2025 at 19:00 BST",
    ]);
  });
});
