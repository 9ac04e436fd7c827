// Every validation case an author can hit, each pinned to its message.
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, formatProblems } from "../../src/content/errors.ts";
import { loadContent } from "../../src/content/load.ts";
import { articleFile, fixtureSettings, makeSite } from "../helpers/fixture.ts";

const good = { title: "A headline", date: "2025-08-15T17:05:00Z", tags: ["Politics"] };
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

/** Loads a site made of `files` and returns the formatted error, with the temp root made stable. */
async function errorFor(files: Record<string, string | Uint8Array>): Promise<string> {
  const site = await makeSite(files);
  cleanup = site.remove;
  const error = await loadContent({ contentDir: site.content, root: site.root }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentError);
  return (error as ContentError).message;
}

describe("article validation", () => {
  it.each([
    ["missing title", { ...good, title: undefined }, "title: is required; expected a headline of 1-200 characters"],
    ["empty title", { ...good, title: "   " }, 'title: expected a headline of 1-200 characters; got "   "'],
    [
      "unparseable date",
      { ...good, date: "15 August" },
      'line 3: date: expected a date (2025-08-15, read as midnight in UTC), a date and time (2025-08-15T17:05, read in UTC) or a date and time with its zone (2025-08-15T17:05:00Z; offsets from -18:00 to +18:00), on a day that exists; got "15 August"',
    ],
    [
      "impossible date",
      { ...good, date: "2025-02-30" },
      'line 3: date: expected a date (2025-08-15, read as midnight in UTC), a date and time (2025-08-15T17:05, read in UTC) or a date and time with its zone (2025-08-15T17:05:00Z; offsets from -18:00 to +18:00), on a day that exists; got "2025-02-30"',
    ],
    [
      "updated before date",
      { ...good, updated: "2025-08-15T16:00:00Z" },
      'updated: must not be before date (2025-08-15T17:05:00Z); got "2025-08-15T16:00:00Z"',
    ],
    [
      "javascript: sourceUrl",
      { ...good, sourceUrl: "javascript:alert(1)" },
      'sourceUrl: expected an http(s) URL of the original report; got "javascript:alert(1)"',
    ],
    [
      "tags not a list",
      { ...good, tags: "Politics" },
      'tags: expected a list of tags, such as [Politics, Ukraine]; got "Politics"',
    ],
    [
      "empty tag",
      { ...good, tags: ["Politics", ""] },
      'tags[1]: expected a non-empty tag of at most 100 characters; got ""',
    ],
    [
      "tag with no slug",
      { ...good, tags: ["🎉"] },
      'tags[0]: has no letters or digits to make its URL from; use a name with at least one; got "🎉"',
    ],
    [
      "source with no slug",
      { ...good, source: "—!" },
      'source: has no letters or digits to make its URL from; use a name with at least one; got "—!"',
    ],
    ["image without imageAlt", { ...good, image: "./photo.jpg" }, "imageAlt: is required when image is given"],
  ])("%s", async (_name, frontMatter, expected) => {
    const message = await errorFor({ "story.md": articleFile(frontMatter) });
    expect(message).toContain("content/articles/story.md: ");
    // A field that is present is named with its line (the date cases pin it); a missing one has none.
    expect(message.replace(/\n {2}line \d+: /g, "\n  ")).toContain(`\n  ${expected.replace(/^line \d+: /, "")}`);
    if (expected.startsWith("line ")) expect(message).toContain(`\n  ${expected}`);
    expect(message).toContain("See README.md#front-matter");
  });

  it("reports YAML that does not parse with its line", async () => {
    const message = await errorFor({ "story.md": '---\ntitle: "unclosed\ndate: 2025-08-15\n---\nBody\n' });
    expect(message).toMatchInlineSnapshot(`
      "content/articles/story.md: 1 problem
        line 2: title runs on to line 3 and swallows date:; is a closing quote missing on line 2?
        See README.md#front-matter"
    `);
  });

  it("names both files that would produce the same URL", async () => {
    const message = await errorFor({
      "a/story.md": articleFile(good),
      "b/story.md": articleFile(good),
    });
    expect(message).toContain(
      "content/articles/a/story.md: 1 problem\n  slug: gives the URL /2025/08/15/story/, which content/articles/b/story.md also gives",
    );
    expect(message).toContain(
      "content/articles/b/story.md: 1 problem\n  slug: gives the URL /2025/08/15/story/, which content/articles/a/story.md also gives",
    );
  });

  it("rejects an image that does not exist or lies outside content/", async () => {
    const message = await errorFor({
      "missing.md": articleFile({ ...good, image: "./nope.jpg", imageAlt: "x" }),
      "outside.md": articleFile({ ...good, title: "Other", image: "../../../etc/passwd", imageAlt: "x" }),
    });
    expect(message).toContain(
      'content/articles/missing.md: 1 problem\n  line 5: image: names a file that does not exist; got "./nope.jpg"',
    );
    expect(message).toContain(
      'content/articles/outside.md: 1 problem\n  line 5: image: must point to a file inside the content folder; got "../../../etc/passwd"',
    );
  });

  it("reports every problem of every file at once", async () => {
    const message = await errorFor({
      "one.md": articleFile({ date: "2025-02-30", sourceUrl: "ftp://x.example" }),
      "two.md": articleFile({ ...good, tags: "x" }),
    });
    expect(message).toMatchInlineSnapshot(`
      "content/articles/one.md: 3 problems
        title: is required; expected a headline of 1-200 characters
        line 3: sourceUrl: expected an http(s) URL of the original report; got "ftp://x.example"
        line 2: date: expected a date (2025-08-15, read as midnight in UTC), a date and time (2025-08-15T17:05, read in UTC) or a date and time with its zone (2025-08-15T17:05:00Z; offsets from -18:00 to +18:00), on a day that exists; got "2025-02-30"
        See README.md#front-matter

      content/articles/two.md: 1 problem
        line 4: tags: expected a list of tags, such as [Politics, Ukraine]; got "x"
        See README.md#front-matter"
    `);
  });

  it("rejects a file that is not UTF-8", async () => {
    const message = await errorFor({ "latin1.md": Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0xe9, 0x0a]) });
    expect(message).toContain("content/articles/latin1.md: 1 problem\n  is not valid UTF-8 text; save it as UTF-8");
  });
});

describe("accepted input", () => {
  it("accepts a byte-order mark and CRLF line endings", async () => {
    const text = `\uFEFF${articleFile(good)}`.replace(/\n/g, "\r\n");
    const site = await makeSite({ "story.md": text });
    cleanup = site.remove;
    const { articles } = await loadContent({ contentDir: site.content, root: site.root });
    expect(articles.map((a) => [a.title, a.url])).toEqual([["A headline", "/2025/08/15/story/"]]);
  });

  it("warns about an unknown field and names the closest known one", async () => {
    const site = await makeSite({ "story.md": articleFile({ ...good, tittle: "x" }) });
    cleanup = site.remove;
    const { warnings } = await loadContent({ contentDir: site.content, root: site.root });
    expect(formatProblems(warnings)).toContain('tittle: is not a known field and was ignored; did you mean "title"?');
  });

  it("leaves drafts out unless asked", async () => {
    const site = await makeSite({ "story.md": articleFile({ ...good, draft: true }) });
    cleanup = site.remove;
    expect((await loadContent({ contentDir: site.content, root: site.root })).articles).toHaveLength(0);
    expect(
      (await loadContent({ contentDir: site.content, root: site.root, includeDrafts: true })).articles,
    ).toHaveLength(1);
  });

  it("validates the settings file like articles", async () => {
    const site = await makeSite({}, { title: "", description: "d", url: "ftp://x", timeZone: "Mars/Base" });
    cleanup = site.remove;
    const error = await loadContent({ contentDir: site.content, root: site.root }).catch((e: unknown) => e);
    expect((error as Error).message).toMatchInlineSnapshot(`
      "content/_data/site.json: 3 problems
        title: expected the digest's name, 1-120 characters; got ""
        url: expected an absolute http(s) URL such as https://news.example.org; got "ftp://x"
        timeZone: expected an IANA time zone such as Europe/London; got "Mars/Base"
        See README.md#site-settings"
    `);
  });

  it("says what socialCards expects", async () => {
    const site = await makeSite({}, { ...fixtureSettings, socialCards: "yes" });
    cleanup = site.remove;
    const error = await loadContent({ contentDir: site.content, root: site.root }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('socialCards: expected true or false; got "yes"');
  });

  it.each([
    [
      { widths: [480, 0] },
      "images.widths[1]: expected a list of 1-12 widths in pixels, whole numbers from 16 to 8192, such as [480, 800, 1200, 1600]; got 0",
    ],
    [
      { widths: [] },
      "images.widths: expected a list of 1-12 widths in pixels, whole numbers from 16 to 8192, such as [480, 800, 1200, 1600]; got a list ([])",
    ],
    [
      { widths: "800" },
      'images.widths: expected a list of 1-12 widths in pixels, whole numbers from 16 to 8192, such as [480, 800, 1200, 1600]; got "800"',
    ],
    [
      { maxPixels: 1.5e9 },
      "images.maxPixels: expected a whole number of pixels from 10000 to 268402689 (about 16383 × 16383), such as 50000000; got 1500000000",
    ],
    [
      { maxPixel: 1 },
      'images: expected an object with the optional fields "widths" and "maxPixels", such as { "widths": [480, 800, 1200, 1600], "maxPixels": 50000000 }; got an object ({"maxPixel":1})',
    ],
    [
      "big",
      'images: expected an object with the optional fields "widths" and "maxPixels", such as { "widths": [480, 800, 1200, 1600], "maxPixels": 50000000 }; got "big"',
    ],
  ])("validates the images setting %j", async (images, message) => {
    const site = await makeSite({}, { title: "T", description: "d", url: "https://x.example", images });
    cleanup = site.remove;
    const error = await loadContent({ contentDir: site.content, root: site.root }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `content/_data/site.json: 1 problem\n  ${message}\n  See README.md#site-settings`,
    );
  });

  it("fills in the images setting's defaults, field by field", async () => {
    const site = await makeSite(
      {},
      { title: "T", description: "d", url: "https://x.example", images: { maxPixels: 20_000_000 } },
    );
    cleanup = site.remove;
    expect((await loadContent({ contentDir: site.content, root: site.root })).settings.images).toEqual({
      widths: [480, 800, 1200, 1600],
      maxPixels: 20_000_000,
    });
  });
});
