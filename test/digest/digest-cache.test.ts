// The digest cache between production builds: what a build made from it equals a clean build's
// digest after any sequence of edits, a body edit reuses the stories and related lists whole, and a
// damaged file is told in one line and dropped.
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Article } from "../../src/content/article.ts";
import { readDigestCache, writeDigestCache } from "../../src/digest/digest-cache.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { pageKeys } from "../../src/digest/page-keys.ts";
import type { Digest } from "../../src/digest/view-model.ts";
import { article, testSettings } from "../helpers/articles.ts";
import { applyEdit, editArb } from "../helpers/edits.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "digest-cache-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const HEADLINES = [
  "Ostrand harbour bridge reopens in Northbridge after cable repairs",
  "Floods close the Varga valley rail line near Ashford for a week",
  "Council of Northbridge votes 42 million crowns for Ostrand schools",
  "Ashford library opens on Sundays",
];
const OUTLETS = ["Courier", "Ledger", "Times"];
const TAGS = ["Transport", "Weather", "Schools", "Ashford", "transport"];
const reportArb = fc.record({
  headline: fc.nat(HEADLINES.length - 1),
  outlet: fc.nat(OUTLETS.length - 1),
  hour: fc.integer({ min: 0, max: 240 }),
  tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
  story: fc.option(fc.constantFrom("bridge-story", false as const), { nil: undefined, freq: 5 }),
});
type Report = typeof reportArb extends fc.Arbitrary<infer R> ? R : never;
const made = (r: Report, n: number): Article =>
  article(`r-${n}`, new Date(Date.UTC(2026, 10, 2) + r.hour * 3_600_000).toISOString(), {
    source: OUTLETS[r.outlet],
    title: `${HEADLINES[r.headline]} (${OUTLETS[r.outlet]})`,
    summary: HEADLINES[(r.headline + 1) % HEADLINES.length] ?? "",
    bodyHtml: `<p>${HEADLINES[(r.headline + 2) % HEADLINES.length]}</p><p>Report ${n}.</p>`,
    firstParagraph: HEADLINES[(r.headline + 2) % HEADLINES.length] ?? "",
    tags: r.tags,
    ...(r.story === undefined ? {} : { story: r.story }),
  });

/** Everything a page shows, by URL (page keys), with the stories and related lists spelled out. */
const shape = (d: Digest) => ({
  keys: [...pageKeys(d, "test")],
  stories: d.storyPages.map((p) => [p.url, p.items.map((t) => t.url)]),
  related: d.articlePages.map((p) => [p.url, p.related.map((r) => [r.teaser.url, r.sharedTags.map((l) => l.label)])]),
});

/** One production build's digest: the memo read from `file`, filled, and saved for the next. */
async function built(file: string, list: readonly Article[], version = "v1") {
  const memo = await readDigestCache(file, version);
  const digest = buildDigest(testSettings, list, undefined, memo);
  await writeDigestCache(file, version, memo);
  return { digest, memo };
}

describe("the digest cache", () => {
  const edits = editArb(reportArb, fc.uniqueArray(fc.constantFrom(...TAGS)));

  it("after any sequence of edits and builds, gives the digest a clean build gives", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(reportArb, { minLength: 1, maxLength: 10 }),
        fc.array(edits, { maxLength: 5 }),
        async (start, edits) => {
          const file = join(dir, `sequence-${run++}.cache`);
          let n = 0;
          let list = start.map((r) => made(r, n++));
          const check = async () => {
            // A new process each build: fresh article objects, only the file carries anything over.
            const { digest } = await built(
              file,
              list.map((a) => ({ ...a })),
            );
            expect(shape(digest)).toEqual(shape(buildDigest(testSettings, list)));
          };
          await check();
          for (const e of edits) {
            list = applyEdit(list, e, (r) => made(r, n++));
            await check();
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  const site = Array.from({ length: 8 }, (_, n) =>
    made({ headline: n % 4, outlet: n % 3, hour: n * 5, tags: [TAGS[n % 4] ?? "Ashford"], story: undefined }, n),
  );

  it("reuses the stories and related lists whole after a body edit past the first paragraph", async () => {
    const file = join(dir, "body.cache");
    await built(file, site);
    const edited = site.map((a, i) => (i === 3 ? { ...a, bodyHtml: `${a.bodyHtml}<p>A later paragraph.</p>` } : a));
    const { memo } = await built(file, edited);
    expect(memo.saved).toHaveLength(2);
    expect(memo.stories?.detection).toBe(memo.saved?.[0]);
    expect(memo.related?.result).toBe(memo.saved?.[1]);
    // A headline edit changes what detection reads: it runs again.
    const retitled = edited.map((a, i) => (i === 3 ? { ...a, title: "Ashford library opens on holidays" } : a));
    const { memo: again } = await built(file, retitled);
    expect(again.stories?.detection).not.toBe(again.saved?.[0]);
    // So does an edit of the first paragraph, which detection reads from the article (the Markdown cache's index).
    const relead = retitled.map((a, i) => (i === 3 ? { ...a, firstParagraph: "The library opens on Sundays." } : a));
    const { memo: third } = await built(file, relead);
    expect(third.stories?.detection).not.toBe(third.saved?.[0]);
    const { memo: fourth } = await built(file, relead);
    expect(fourth.stories?.detection).toBe(fourth.saved?.[0]);
  });

  it("starts empty, without a notice, for another code version or no file", async () => {
    const file = join(dir, "version.cache");
    await built(file, site, "v1");
    const warn = vi.fn();
    expect(await readDigestCache(file, "v2", warn)).toEqual({ oneBuild: true });
    expect(await readDigestCache(join(dir, "absent.cache"), "v1", warn)).toEqual({ oneBuild: true });
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    ["emptied", () => Buffer.alloc(0)],
    ["truncated", (b: Buffer) => b.subarray(0, Math.floor(b.length * 0.6))],
    ["garbled", (b: Buffer) => Buffer.from(b).fill(0x41, Math.floor(b.length * 0.7), Math.floor(b.length * 0.7) + 6)],
  ])("%s: drops the file with a one-line notice, and the digest equals a clean one", async (name, damage) => {
    const file = join(dir, `damaged-${name}.cache`);
    await built(file, site);
    writeFileSync(file, damage(readFileSync(file)));
    const notices: string[] = [];
    const memo = await readDigestCache(file, "v1", (line) => notices.push(line));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("damaged");
    expect(notices[0]).not.toContain("\n");
    expect(memo).toEqual({ oneBuild: true });
    expect(shape(buildDigest(testSettings, site, undefined, memo))).toEqual(shape(buildDigest(testSettings, site)));
  });
});
