import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DateTime } from "luxon";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../src/content/front-matter.ts";
import { loadContent } from "../../src/content/load.ts";
import { articleTemplate } from "../../src/content/article-template.ts";
import { slugify } from "../../src/digest/slug.ts";
import { fixtureSettings, makeSite } from "../helpers/fixture.ts";

const now = DateTime.fromISO("2026-11-27T19:05:00Z", { setZone: true });
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** The front matter of a template's text, as the loader reads it. */
function frontMatterOf(text: string): Record<string, unknown> {
  const split = splitFrontMatter(text);
  if (!split.ok) throw new Error(split.message);
  return split.data;
}

describe("articleTemplate path and title", () => {
  it.each([
    { title: "Harbour bridge reopens", slug: "harbour-bridge-reopens" },
    { title: "São Paulo café reopens in Zürich", slug: "sao-paulo-cafe-reopens-in-zurich" },
    { title: 'Mayor says "no" to the bridge', slug: "mayor-says-no-to-the-bridge" },
    { title: "Ukraine's grain: ‘a lifeline’", slug: "ukraines-grain-a-lifeline" },
    { title: "🎉 Fireworks over the harbour 🔥", slug: "fireworks-over-the-harbour" },
    { title: "Київ відновлює мости", slug: "kiyiv-vidnovlyuye-mosti" },
    { title: "AT&T cuts 5% of jobs", slug: "at-and-t-cuts-5-percent-of-jobs" },
    // Scripts without a common romanisation keep their letters (the file name is UTF-8).
    { title: "東京新聞 が 報じる", slug: "東京新聞-が-報じる" },
    { title: "القاهرة تفتتح المترو", slug: "القاهرة-تفتتح-المترو" },
    { title: "Backslash \\ and colon: # not a comment", slug: "backslash-and-colon-not-a-comment" },
  ])("$title -> $slug", ({ title, slug }) => {
    const { path, text } = articleTemplate({ title, now, timeZone: "UTC" });
    expect(path).toBe(`content/articles/2026/11/${slug}.md`);
    expect(frontMatterOf(text).title).toBe(title);
    expect(text).toContain(`\ntitle: ${JSON.stringify(title)}\n`);
    expect(text).toContain(`\n# slug: ${slug}\n`);
  });

  it("joins runs of whitespace, line breaks included, into one space", () => {
    const { path, text } = articleTemplate({ title: "  Harbour\n bridge\treopens  ", now, timeZone: "UTC" });
    expect(path).toBe("content/articles/2026/11/harbour-bridge-reopens.md");
    expect(frontMatterOf(text).title).toBe("Harbour bridge reopens");
  });

  it("cuts a long slug at a hyphen, within the slug field's 120 characters", () => {
    // 160 characters of headline; `&` and `%` are spelt out, so the full slug is 380 characters long.
    const title = "AT&T 5% ".repeat(20).trim();
    const full = slugify(title);
    const slug = articleTemplate({ title, now, timeZone: "UTC" }).path.split("/").at(-1)?.replace(/\.md$/, "") ?? "";
    expect(full.length).toBeGreaterThan(120);
    expect(slug).toBe(`${"at-and-t-5-percent-".repeat(6)}at-and`);
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(full.startsWith(`${slug}-`)).toBe(true);
  });
});

describe("articleTemplate date", () => {
  it.each([
    // 23:30 UTC on 31 March is already 1 April in London (BST since 29 March 2026).
    { instant: "2026-03-31T23:30:00Z", timeZone: "UTC", date: "2026-03-31T23:30:00Z", folder: "2026/03" },
    {
      instant: "2026-03-31T23:30:00Z",
      timeZone: "Europe/London",
      date: "2026-04-01T00:30:00+01:00",
      folder: "2026/04",
    },
    // In winter London is at +00:00, and the year turns with UTC.
    {
      instant: "2026-12-31T23:59:59.900Z",
      timeZone: "Europe/London",
      date: "2026-12-31T23:59:59+00:00",
      folder: "2026/12",
    },
    {
      instant: "2027-01-01T00:00:00Z",
      timeZone: "Europe/London",
      date: "2027-01-01T00:00:00+00:00",
      folder: "2027/01",
    },
    // West of UTC the new year has not begun yet.
    {
      instant: "2026-01-01T03:00:00Z",
      timeZone: "America/New_York",
      date: "2025-12-31T22:00:00-05:00",
      folder: "2025/12",
    },
    // Milliseconds are dropped, not rounded up into the next second.
    { instant: "2026-11-27T19:05:00.999+01:00", timeZone: "UTC", date: "2026-11-27T18:05:00Z", folder: "2026/11" },
  ])("$instant in $timeZone -> $date", ({ instant, timeZone, date, folder }) => {
    const { path, text } = articleTemplate({
      title: "Harbour bridge reopens",
      now: DateTime.fromISO(instant, { setZone: true }),
      timeZone,
    });
    expect(path).toBe(`content/articles/${folder}/harbour-bridge-reopens.md`);
    expect(frontMatterOf(text).date).toBe(date);
  });
});

describe("articleTemplate refuses", () => {
  it.each(["🎉", "🎉🔥", "—!?"])("a headline with nothing to make a slug from: %s", (title) => {
    expect(() => articleTemplate({ title, now, timeZone: "UTC" })).toThrow(
      /has no letters or digits to make a file name from/,
    );
  });

  it.each(["", "   ", "x".repeat(201)])("a headline the title field rejects (%#)", (title) => {
    expect(() => articleTemplate({ title, now, timeZone: "UTC" })).toThrow(
      /Expected a headline of 1-200 characters for the title/,
    );
  });

  it("with messages an editor can act on", () => {
    const message = (title: string, timeZone = "UTC") => {
      try {
        articleTemplate({ title, now, timeZone });
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    };
    expect([message("🎉"), message(" "), message("Harbour", "Mars/Olympus")]).toMatchInlineSnapshot(`
      [
        "The headline "🎉" has no letters or digits to make a file name from; add a word such as the place or the subject.",
        "Expected a headline of 1-200 characters for the title; got 0 characters after trimming. See README.md#front-matter",
        "The time zone "Mars/Olympus" is not an IANA time zone such as Europe/London.",
      ]
    `);
  });
});

describe("the generated file", () => {
  it.each(["UTC", "Europe/London"])("validates as a draft in a site in %s", async (timeZone) => {
    const instant = DateTime.fromISO("2026-03-31T23:30:00.250Z", { setZone: true });
    const { path, text } = articleTemplate({
      title: "Harbour bridge “reopens” — São Paulo 🎉",
      now: instant,
      timeZone,
    });
    const site = await makeSite({ [path.replace("content/articles/", "")]: text }, { ...fixtureSettings, timeZone });
    cleanup = site.remove;
    const content = await loadContent({ contentDir: site.content, root: site.root, includeDrafts: true });
    expect(content.warnings).toEqual([]);
    expect(content.articles).toHaveLength(1);
    const [article] = content.articles;
    expect(article?.file).toBe(path);
    expect(article?.title).toBe("Harbour bridge “reopens” — São Paulo 🎉");
    expect(article?.date.toMillis()).toBe(instant.startOf("second").toMillis());
    expect(article?.slug).toBe("harbour-bridge-reopens-sao-paulo");
    expect(article?.draft).toBe(true);
    expect(article?.tags).toEqual([]);
    // A draft stays out of a production build until the editor removes `draft: true`.
    expect((await loadContent({ contentDir: site.content, root: site.root })).articles).toEqual([]);
  });

  it("still validates with every commented-out field switched on", async () => {
    const { path, text } = articleTemplate({ title: "Harbour bridge reopens", now, timeZone: "Europe/London" });
    const uncommented = text.replace(/^# (\w+):/gm, "$1:");
    expect(Object.keys(frontMatterOf(uncommented))).toEqual([
      "title",
      "date",
      "updated",
      "expires",
      "corrections",
      "source",
      "sourceUrl",
      "author",
      "tags",
      "summary",
      "image",
      "imageAlt",
      "imageCredit",
      "imageDecorative",
      "slug",
      "draft",
    ]);
    const photo = await sharp({ create: { width: 4, height: 3, channels: 3, background: "#888" } })
      .jpeg()
      .toBuffer();
    const folder = path.replace("content/articles/", "").replace(/[^/]+$/, "");
    const files = { [path.replace("content/articles/", "")]: uncommented, [`${folder}photo.jpg`]: photo };
    const site = await makeSite(files, { ...fixtureSettings, timeZone: "Europe/London" });
    cleanup = site.remove;
    const content = await loadContent({ contentDir: site.content, root: site.root, includeDrafts: true });
    expect(content.warnings).toEqual([]);
    expect(content.articles[0]).toMatchObject({
      source: "Northbridge Courier",
      sourceUrl: "https://courier.example/story",
      image: { path: "./photo.jpg" },
    });
  });
});

describe("npm run new", () => {
  // The CLI runs in a folder outside the project, so tsx is named by its absolute path.
  const tsx = fileURLToPath(import.meta.resolve("tsx"));
  const cli = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
  const run = (cwd: string, ...args: string[]) =>
    promisify(execFile)(process.execPath, ["--import", tsx, cli, "new", ...args], { cwd }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );

  async function project(settings: unknown = { ...fixtureSettings, timeZone: "Europe/London" }) {
    const root = await mkdtemp(join(tmpdir(), "broadsheet-new-"));
    cleanup = () => rm(root, { recursive: true, force: true });
    await mkdir(join(root, "content", "_data"), { recursive: true });
    await writeFile(join(root, "content", "_data", "site.json"), JSON.stringify(settings));
    return root;
  }

  it("writes a valid draft, then refuses to overwrite it", { timeout: 30_000 }, async () => {
    const root = await project();
    const first = await run(root, "Harbour bridge reopens");
    expect(first).toMatchObject({ code: 0, stderr: "" });
    const path = first.stdout.trim();
    expect(path).toMatch(/^content\/articles\/\d{4}\/\d{2}\/harbour-bridge-reopens\.md$/);
    const written = await readFile(join(root, path), "utf8");
    const content = await loadContent({ contentDir: join(root, "content"), root, includeDrafts: true });
    expect(content.articles.map((a) => a.file)).toEqual([path]);

    await writeFile(join(root, path), `${written}\nThe editor's own words.\n`);
    const second = await run(root, "Harbour bridge reopens");
    expect(second.code).toBe(1);
    expect(second.stdout).toBe("");
    expect(second.stderr).toBe(
      `${path} already exists and was left as it is; choose a different headline or edit that file.\n`,
    );
    expect(await readFile(join(root, path), "utf8")).toBe(`${written}\nThe editor's own words.\n`);
  });

  it.each([[[]], [["  "]], [["--"]]])("prints the usage line for arguments %j", { timeout: 30_000 }, async (args) => {
    const root = await project();
    const result = await run(root, ...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Usage: npm run new -- "Headline of the item"');
  });

  it("names the settings file when it is missing or wrong", { timeout: 30_000 }, async () => {
    const root = await project({ title: "" });
    const wrong = await run(root, "Harbour bridge reopens");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("content/_data/site.json: 3 problems\n");
    await rm(join(root, "content"), { recursive: true });
    const missing = await run(root, "Harbour bridge reopens");
    expect(missing).toMatchObject({
      code: 1,
      stderr: "content/_data/site.json does not exist; run this command from the project's root folder\n",
    });
  });
});
