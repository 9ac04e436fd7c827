// `npm run stories:explain -- <file>`: why an article is (or is not) in its story.
import { relative, resolve } from "node:path";
import { DigestError } from "../content/errors.ts";
import { loadContent } from "../content/load.ts";
import { explainItem, explanationLines } from "../stories/explain.ts";
import { storyItem } from "../stories/story-items.ts";

const USAGE = "Usage: npm run stories:explain -- content/articles/2026/11/some-article.md";

async function run(args: readonly string[], root: string): Promise<string[]> {
  const wanted = args[0];
  if (wanted === undefined) throw new DigestError(`No article was named.\n${USAGE}`);
  const file = relative(root, resolve(root, wanted)).split("\\").join("/");
  const content = await loadContent({ contentDir: resolve(root, "content"), root });
  // The digest detects stories among listed articles; drafts and held-back items are not listed.
  const articles = content.articles.filter((a) => !a.draft);
  const index = articles.findIndex((a) => a.file === file);
  if (index < 0)
    throw new DigestError(`${file} is not a published article of this site (is the path right?).\n${USAGE}`);
  const explanation = explainItem(articles.map(storyItem), index);
  const name = (i: number) => {
    const a = articles[i];
    if (a === undefined) return `item ${i}`;
    return `${a.file} [${a.source ?? "no source"}, ${a.date.toUTC().toISO({ suppressMilliseconds: true })}] "${a.title}"`;
  };
  return [name(index), ...explanationLines(explanation, name)];
}

run(process.argv.slice(2), process.cwd()).then(
  (lines) => console.log(lines.join("\n")),
  (error: unknown) => {
    // An author's mistake (ContentError included) is a message; anything else keeps its stack.
    console.error(error instanceof DigestError ? error.message : error);
    process.exitCode = 1;
  },
);
