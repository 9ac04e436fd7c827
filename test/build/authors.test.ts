// What authors write, built: a standfirst only when written, tags in every script, and listings whose
// size does not grow with an article's tag count.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../.eleventy.ts";
import { articleFile, fixtureSettings, makeSite } from "../helpers/fixture.ts";

register();

const tags = (n: number) => Array.from({ length: n }, (_, i) => `Topic ${i + 1}`);
const articles = (manyTags: number) => ({
  "derived.md": articleFile(
    { title: "Ferry timetable changes", date: "2025-08-15T09:00:00Z", tags: ["東京", "Москва", "القاهرة"] },
    "Ferries will leave every twenty minutes from Monday.\n\nThe night boat stays.",
  ),
  "written.md": articleFile({
    title: "القاهرة تستضيف معرض الكتاب",
    date: "2025-08-15T10:00:00Z",
    summary: "The book fair opens with four hundred publishers.",
    tags: ["القاهرة"],
  }),
  "many.md": articleFile({ title: "Everything at the festival", date: "2025-08-15T11:00:00Z", tags: tags(manyTags) }),
});

async function builtSite(manyTags: number) {
  const site = await makeSite(articles(manyTags), { ...fixtureSettings, pageSize: 10, search: false });
  await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
  return site;
}

let few: Awaited<ReturnType<typeof makeSite>>;
let most: Awaited<ReturnType<typeof makeSite>>;
beforeAll(async () => {
  few = await builtSite(8);
  most = await builtSite(25);
}, 120_000);
afterAll(async () => Promise.all([few.remove(), most.remove()]));

describe("standfirst", () => {
  it("is not shown when the summary was derived from the first paragraph (no repeated lead)", async () => {
    const page = await few.page("/2025/08/15/derived/");
    expect(page).not.toContain('class="standfirst"');
    // Shown once on the page (the body); the derived summary still serves the meta description.
    const story = page.slice(page.indexOf('<article class="story">'), page.indexOf("</article>"));
    expect(story.match(/Ferries will leave every twenty minutes/g)).toHaveLength(1);
    expect(page).toContain('<meta name="description" content="Ferries will leave every twenty minutes');
  });

  it("is shown when the author wrote a summary", async () => {
    const page = await few.page("/2025/08/15/written/");
    expect(page).toContain('<p class="standfirst" dir="auto">The book fair opens with four hundred publishers.</p>');
  });
});

describe("tags in every script", () => {
  it("get pages under UTF-8 file names, linked from the article", async () => {
    const files = await readdir(join(few.output, "tags"));
    expect(files).toEqual(expect.arrayContaining(["東京", "moskva", "القاهرة"]));
    const page = await few.page("/2025/08/15/derived/");
    for (const [label, slug] of [
      ["東京", "東京"],
      ["Москва", "moskva"],
      ["القاهرة", "القاهرة"],
    ])
      expect(page).toContain(`<a href="/tags/${slug}/" rel="tag" dir="auto">${label}</a>`);
    expect(await few.page("/tags/القاهرة/")).toContain('dir="auto"><a href="/2025/08/15/written/">القاهرة تستضيف');
  });
});

describe("bounded listings", () => {
  it("a listing is the same size whether an article has 8 tags or 25 (teasers show at most 8)", async () => {
    for (const url of ["/", "/2025/08/15/", "/tags/topic-1/"]) {
      const [a, b] = await Promise.all([few.page(url), most.page(url)]);
      expect(Buffer.byteLength(b), url).toBe(Buffer.byteLength(a));
    }
    // The article's own page lists every tag.
    expect(await most.page("/2025/08/15/many/")).toContain(">Topic 25</a>");
  });

  it("lists the article with many tags on the home page, with its first 8 tags", async () => {
    const home = await readFile(join(most.output, "index.html"), "utf8");
    expect(home).toContain("Everything at the festival");
    expect(home).toContain(">Topic 8</a>");
    expect(home).not.toContain(">Topic 9</a>");
  });
});
