// `npm run check` finds everything the build would fail on: generated front matter goes through the
// check path (loadContent + buildDigest, as the check command runs them) and through the build's data
// path (the same, then search records, feeds and structured data); both agree, and neither throws
// anything but an author error.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DigestError } from "../../src/content/errors.ts";
import { loadContent } from "../../src/content/load.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { feedItemsFrom } from "../../src/formats/feeds.ts";
import { articleMeta, jsonLdText } from "../../src/formats/structured-data.ts";
import { searchRecords } from "../../src/search/records.ts";
import { fixtureSettings, makeSite } from "../helpers/fixture.ts";

const NOW = DateTime.utc(2030, 1, 1);
let site: Awaited<ReturnType<typeof makeSite>>;
beforeAll(async () => {
  site = await makeSite({ "story.md": "" }, fixtureSettings);
});
afterAll(async () => site.remove());

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 10 }),
  fc.constantFrom("東京", "Москва", "القاهرة", "🎉", "a b", "a-b", "A B", "\ud800", "x\udfffy", "", "  ", "]]>", "<b>"),
);
const offset = fc.integer({ min: -26 * 60, max: 26 * 60 }).map((m) => {
  const a = Math.abs(m);
  return `${m < 0 ? "-" : "+"}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
});
const date = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 9998 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
  fc
    .tuple(fc.date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }), offset)
    .map(([d, o]) => `${d.toISOString().slice(0, 19)}${o}`),
  fc.constantFrom("2025-08-15T10:00:00+25:00", "2025-08-15 10:00", "2025-02-30", "15 August", "2025-08-15T24:00Z"),
  text,
);
// Mostly plausible values, so that many files are valid, with hostile ones mixed in.
const word = fc.constantFrom(
  "Harbour",
  "東京",
  "Москва",
  "القاهرة",
  "Budget",
  "Ferry",
  "São Paulo",
  "G7",
  "a b",
  "A-B",
);
const plausible = <T>(hostile: fc.Arbitrary<T>, good: fc.Arbitrary<unknown> = word) =>
  fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: hostile, weight: 1 });
const goodDate = fc
  .tuple(fc.date({ min: new Date("1990-01-01"), max: new Date("2029-01-01"), noInvalidDate: true }), offset)
  .map(([d, o]) => `${d.toISOString().slice(0, 19)}${o}`);
const frontMatter = fc.record(
  {
    title: plausible(text),
    date: plausible(date, goodDate),
    updated: plausible(date, fc.constant("2029-06-01T00:00:00Z")),
    tags: fc.array(plausible(text), { maxLength: 8 }),
    source: plausible(text),
    summary: plausible(text),
    author: plausible(text),
    sourceUrl: plausible(text, fc.webUrl()),
    draft: plausible(text, fc.boolean()),
    extra: fc.array(text, { maxLength: 40 }),
  },
  { requiredKeys: ["title", "date"] },
);

/** Each field as a JSON value: valid YAML, and `\ud800` escapes reach the data as lone surrogates. */
function file(data: Record<string, unknown>, body: string): string {
  const lines = Object.entries(data).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}\n`;
}

type Outcome = "ok" | "author error";

async function check(): Promise<Outcome> {
  const content = await loadContent({ contentDir: site.content, root: site.root, now: NOW });
  buildDigest(content.settings, content.articles, content.images, {}, NOW, content.cards);
  return "ok";
}

async function buildData(): Promise<Outcome> {
  const content = await loadContent({ contentDir: site.content, root: site.root, now: NOW });
  const digest = buildDigest(content.settings, content.articles, content.images, {}, NOW, content.cards);
  JSON.stringify(searchRecords(digest));
  for (const page of digest.articlePages) jsonLdText(articleMeta(page, digest.settings).jsonLd ?? {});
  feedItemsFrom(digest.articlePages, digest.settings);
  return "ok";
}

async function outcome(run: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await run();
  } catch (error) {
    // Anything else (a RangeError, a TypeError) is a crash the check failed to foresee.
    if (!(error instanceof DigestError)) throw error;
    return "author error";
  }
}

describe("check = build", () => {
  it("agree on generated front matter, and fail only with author errors", async () => {
    const seen = { ok: 0, "author error": 0 };
    // `extra` is an unknown field (only a warning) carrying a list of hostile values.
    await fc.assert(
      fc.asyncProperty(frontMatter, fc.constantFrom("A paragraph.", "", "# Heading\n\nText"), async (data, body) => {
        await writeFile(join(site.content, "articles", "story.md"), file(data, body));
        const checked = await outcome(check);
        expect(await outcome(buildData)).toBe(checked);
        seen[checked]++;
      }),
      { numRuns: 150, seed: 20251130 },
    );
    // Both kinds of file were generated: the agreement is not only on rejections.
    expect(seen.ok).toBeGreaterThan(10);
    expect(seen["author error"]).toBeGreaterThan(10);
  });
});
