// Files stay inside content/: symbolic links are followed to their real paths, never silently skipped.
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError } from "../../src/content/errors.ts";
import { loadContent } from "../../src/content/load.ts";
import { articleFile, makeSite } from "../helpers/fixture.ts";

const good = { title: "A headline", date: "2025-08-15T17:05:00Z" };
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function site(files: Record<string, string>) {
  const made = await makeSite(files);
  cleanup = made.remove;
  // A file outside content/, as a link might reach.
  await writeFile(join(made.root, "secret.md"), articleFile({ ...good, title: "Secret" }));
  await writeFile(join(made.root, "secret.jpg"), "not published");
  return made;
}

async function errorOf(contentDir: string, root: string): Promise<string> {
  const error = await loadContent({ contentDir, root }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentError);
  return (error as ContentError).message;
}

describe("symbolic links", () => {
  it("refuses an article that links outside content/, naming the link", async () => {
    const s = await site({ "a.md": articleFile(good) });
    await symlink(join(s.root, "secret.md"), join(s.content, "articles", "leak.md"));
    expect(await errorOf(s.content, s.root)).toContain(
      "content/articles/leak.md: 1 problem\n  is a symbolic link to secret.md, outside the content folder, and is not read; move the file into content/",
    );
  });

  it("reads an article that links to a file inside content/, with a warning", async () => {
    const s = await site({ "a.md": articleFile(good) });
    await mkdir(join(s.content, "drafts"));
    await writeFile(join(s.content, "drafts", "b.md"), articleFile({ ...good, title: "Linked" }));
    await symlink(join(s.content, "drafts", "b.md"), join(s.content, "articles", "b.md"));
    const content = await loadContent({ contentDir: s.content, root: s.root });
    expect(content.articles.map((a) => a.title).sort()).toEqual(["A headline", "Linked"]);
    expect(content.warnings).toEqual([
      {
        file: "content/articles/b.md",
        warning: true,
        message: "is a symbolic link to content/drafts/b.md; it is read as an article of its own",
      },
    ]);
  });

  it("reports a link to a folder and a dangling link instead of skipping them", async () => {
    const s = await site({ "a.md": articleFile(good) });
    await symlink(s.root, join(s.content, "articles", "more"));
    await symlink(join(s.root, "gone.md"), join(s.content, "articles", "gone.md"));
    const message = await errorOf(s.content, s.root);
    expect(message).toContain("content/articles/gone.md: 1 problem\n  is a symbolic link to nothing");
    expect(message).toContain("content/articles/more: 1 problem\n  is a symbolic link to ");
  });

  it("skips an editor's lock file beside an article (Emacs's .#name.md, a link to nothing) without a word", async () => {
    const s = await site({ "a.md": articleFile(good) });
    await symlink("editor@host.4242:1764500000", join(s.content, "articles", ".#a.md"));
    const content = await loadContent({ contentDir: s.content, root: s.root });
    expect(content.articles.map((a) => a.title)).toEqual(["A headline"]);
    expect(content.warnings).toEqual([]);
  });

  it("refuses lead and body images that link outside content/", async () => {
    const s = await site({
      "a.md": articleFile({ ...good, image: "./lead.jpg", imageAlt: "A view" }, "Text.\n\n![A view](./body.jpg)"),
    });
    await symlink(join(s.root, "secret.jpg"), join(s.content, "articles", "lead.jpg"));
    await symlink(join(s.root, "secret.jpg"), join(s.content, "articles", "body.jpg"));
    const message = await errorOf(s.content, s.root);
    expect(message).toContain(
      'line 4: image: is a symbolic link to a file outside the content folder, which is not published; copy the file into content/; got "./lead.jpg"',
    );
    expect(message).toContain(
      'body: image "./body.jpg" is a symbolic link to a file outside the content folder, which is not published; copy the file into content/',
    );
  });
});
