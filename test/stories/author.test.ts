// The story fields an author writes: per-file validation and the checks across articles.
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, formatProblems } from "../../src/content/errors.ts";
import { loadContent } from "../../src/content/load.ts";
import { storyFields, storyProblems } from "../../src/stories/author.ts";
import { articleFile, makeSite } from "../helpers/fixture.ts";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

const good = { title: "Calder mill fire", date: "2026-11-10T05:20:00Z", tags: ["Fire"] };

async function load(files: Record<string, string>) {
  const site = await makeSite(files);
  cleanup = site.remove;
  return loadContent({ contentDir: site.content, root: site.root }).then(
    (content) => ({ content, error: undefined }),
    (error: unknown) => ({ content: undefined, error: error as ContentError }),
  );
}

describe("story fields in front matter", () => {
  it("reads story ids as slugs, story: false and storyLead, with their lines", async () => {
    const { content } = await load({
      "a.md": articleFile({ ...good, story: "Calder Mill Fire", storyLead: true }),
      "b.md": articleFile({ ...good, title: "Other", story: false }),
    });
    const [a, b] = [...content!.articles].sort((x, y) => (x.file < y.file ? -1 : 1));
    expect(a).toMatchObject({ story: "calder-mill-fire", storyLead: true, storyLines: { story: 5, storyLead: 6 } });
    expect(b).toMatchObject({ story: false });
  });

  it("rejects a story that is true or has nothing to make a slug from, naming the field", async () => {
    const { error } = await load({
      "a.md": articleFile({ ...good, story: true }),
      "b.md": articleFile({ ...good, story: "!!!" }),
    });
    expect(error).toBeInstanceOf(ContentError);
    expect(error!.message).toMatchInlineSnapshot(`
      "content/articles/a.md: 1 problem
        line 5: story: expected a story id with letters or digits, such as calder-mill-fire, or false to keep the item out of stories; got true
        See README.md#front-matter

      content/articles/b.md: 1 problem
        line 5: story: expected a story id with letters or digits, such as calder-mill-fire, or false to keep the item out of stories; got "!!!"
        See README.md#front-matter"
    `);
  });

  it("fails a build with two leads in one story, at the storyLead lines", async () => {
    const { error } = await load({
      "a.md": articleFile({ ...good, story: "mill", storyLead: true }),
      "b.md": articleFile({ ...good, title: "Second", story: "mill", storyLead: true }),
    });
    expect(error!.message).toMatchInlineSnapshot(`
      "content/articles/a.md: 1 problem
        line 6: storyLead: story "mill" has more than one lead (also content/articles/b.md); keep storyLead: true on one of them
        See README.md#front-matter

      content/articles/b.md: 1 problem
        line 6: storyLead: story "mill" has more than one lead (also content/articles/a.md); keep storyLead: true on one of them
        See README.md#front-matter"
    `);
  });

  it("warns when one story id spans more than 30 days", async () => {
    const { content } = await load({
      "a.md": articleFile({ ...good, story: "mill" }),
      "b.md": articleFile({ ...good, title: "Later", date: "2026-12-20T09:00:00Z", story: "mill" }),
    });
    expect(formatProblems(content!.warnings)).toMatchInlineSnapshot(`
      "content/articles/b.md: 1 problem
        line 5: story: story "mill" spans 40 days (first item content/articles/a.md), more than 30; check the id, or give a later chapter its own id
        See README.md#front-matter"
    `);
  });
});

describe("storyFields and storyProblems", () => {
  it("adds nothing for an article without story fields", () => {
    expect(storyFields({ storyLead: false }, "---\ntitle: x\n---\n")).toEqual({});
  });

  it("finds no problem for an empty list or one lead per story", () => {
    expect(storyProblems([])).toEqual({ errors: [], warnings: [] });
    const one = { file: "a.md", time: 0, story: "x", storyLead: true };
    expect(storyProblems([one, { ...one, file: "b.md", storyLead: false }])).toEqual({ errors: [], warnings: [] });
  });
});
