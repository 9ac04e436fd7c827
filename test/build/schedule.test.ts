// Scheduled items, expiry and corrections: held back, taken out of listings, and shown on the page.
import { join } from "node:path";
import { DateTime } from "luxon";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../.eleventy.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { ContentError } from "../../src/content/errors.ts";
import { loadContent } from "../../src/content/load.ts";
import { article, testSettings } from "../helpers/articles.ts";
import { articleFile, makeSite } from "../helpers/fixture.ts";

register();

const now = DateTime.fromISO("2025-08-20T12:00:00Z");

describe("loadContent with a clock", () => {
  const files = {
    "past.md": articleFile({ title: "Past", date: "2025-08-20T11:59:00Z" }),
    "soon.md": articleFile({ title: "Soon", date: "2025-08-20T12:01:00Z" }),
  };
  it.each([
    [false, ["Past"], ["Soon"]],
    [true, ["Past", "Soon"], []],
  ])("includeFuture %s keeps %j and holds back %j", async (includeFuture, kept, held) => {
    const site = await makeSite(files);
    const content = await loadContent({ contentDir: site.content, root: site.root, now, includeFuture });
    expect(content.articles.map((a) => a.title).sort()).toEqual(kept);
    expect(content.heldBack.map((a) => a.title)).toEqual(held);
    await site.remove();
  });

  it.each([
    [
      { expires: "2025-08-01T00:00:00Z" },
      'expires: must be after date (2025-08-15T09:00:00Z); got "2025-08-01T00:00:00Z"',
    ],
    [
      { expires: "soon" },
      'line 4: expires: expected a date (2025-08-15, read as midnight in UTC), a date and time (2025-08-15T17:05, read in UTC) or a date and time with its zone (2025-08-15T17:05:00Z; offsets from -18:00 to +18:00), on a day that exists; got "soon"',
    ],
    [
      { corrections: [{ date: "2025-02-30", text: "Fixed." }] },
      'line 4: corrections[0].date: expected a date (2025-08-15, read as midnight in UTC), a date and time (2025-08-15T17:05, read in UTC) or a date and time with its zone (2025-08-15T17:05:00Z; offsets from -18:00 to +18:00), on a day that exists; got "2025-02-30"',
    ],
    [{ corrections: [{ date: "2025-08-16T09:00:00Z" }] }, "corrections[0].text: is required"],
  ])("rejects %j", async (extra, message) => {
    const site = await makeSite({ "x.md": articleFile({ title: "X", date: "2025-08-15T09:00:00Z", ...extra }) });
    const error = await loadContent({ contentDir: site.content, root: site.root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toContain(message);
    await site.remove();
  });
});

describe("buildDigest with expiry and corrections", () => {
  const gone = article("gone", "2025-08-15T09:00:00Z", {
    tags: ["Ports"],
    expires: DateTime.fromISO("2025-08-19T00:00:00Z", { setZone: true }),
  });
  const kept = article("kept", "2025-08-16T09:00:00Z", {
    tags: ["Ports"],
    updated: DateTime.fromISO("2025-08-16T10:00:00Z", { setZone: true }),
    corrections: [
      { date: DateTime.fromISO("2025-08-17T08:00:00Z", { setZone: true }), text: "The name was misspelt." },
    ],
  });
  const digest = buildDigest(testSettings, [gone, kept], new Map(), {}, now);
  const page = (slug: string) => digest.articlePages.find((p) => p.url.endsWith(`/${slug}/`))!;

  it("keeps an expired item's page, with its expiry, out of every listing", () => {
    expect(page("gone").expired?.iso).toBe("2025-08-19T00:00:00Z");
    const listed = [
      ...digest.homePages,
      ...digest.tagPages,
      ...digest.dayPages.map((d) => ({ groups: [d.group] })),
    ].flatMap((p) => p.groups.flatMap((g) => g.items.map((t) => t.url)));
    expect(listed).not.toContain(gone.url);
    expect(page("kept").related).toEqual([]);
    expect(digest.indexPages[0]!.entries).toEqual([{ url: "/tags/ports/", label: "Ports", count: 1 }]);
  });

  it("counts the newest correction as the last update", () => {
    expect(page("kept").updated?.iso).toBe("2025-08-17T08:00:00Z");
    expect(page("kept").corrections.map((c) => c.text)).toEqual(["The name was misspelt."]);
  });

  it("lists an item until the moment it expires", () => {
    const before = buildDigest(testSettings, [gone, kept], new Map(), {}, DateTime.fromISO("2025-08-18T23:59:59Z"));
    expect(before.homePages[0]!.groups.flatMap((g) => g.items.map((t) => t.url))).toContain(gone.url);
  });
});

describe("a build with scheduled, expired and corrected items", () => {
  let site: Awaited<ReturnType<typeof makeSite>>;
  let summary: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    site = await makeSite({
      "future.md": articleFile({ title: "From the future", date: "2099-01-01T09:00:00Z" }),
      "old.md": articleFile({ title: "An old offer", date: "2025-08-15T09:00:00Z", expires: "2025-09-01T00:00:00Z" }),
      "fixed.md": articleFile({
        title: "A corrected story",
        date: "2025-08-16T09:00:00Z",
        corrections: [{ date: "2025-08-17T09:00:00Z", text: "An earlier version gave the wrong date." }],
      }),
    });
    summary = await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
  });
  afterAll(async () => site.remove());

  it("holds back the scheduled item and names it", async () => {
    expect(summary.heldBack.map((h) => [h.file.endsWith("content/articles/future.md"), h.date])).toEqual([
      [true, "2099-01-01T09:00:00.000Z"],
    ]);
    await expect(site.page("/2099/01/01/future/")).rejects.toThrow();
  });

  it("shows the expiry notice and corrections on the pages, and lists neither the expired nor the future item", async () => {
    expect(await site.page("/2025/08/15/old/")).toContain(
      'This item expired on <time datetime="2025-09-01T00:00:00Z" data-relative>',
    );
    const fixed = await site.page("/2025/08/16/fixed/");
    expect(fixed).toContain('<h2 id="corrections-heading">Corrections</h2>');
    expect(fixed).toContain("An earlier version gave the wrong date.");
    expect(fixed).toContain('<meta property="article:modified_time" content="2025-08-17T09:00:00Z">');
    const home = await site.page("/");
    expect(home).toContain('href="/2025/08/16/fixed/"');
    expect(home).not.toContain('href="/2025/08/15/old/"');
    expect(home).not.toContain("From the future");
  });
});
