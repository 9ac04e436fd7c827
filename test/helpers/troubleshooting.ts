// The troubleshooting guide's cases (docs/troubleshooting.md: a file with a mistake, then what
// `npm run check` prints for it), and the check path that prints it, for the guide's test and the README's.
import { DateTime } from "luxon";
import { ContentError, formatProblems } from "../../src/content/errors.ts";
import { loadContent } from "../../src/content/load.ts";
import { buildDigest } from "../../src/digest/digest.ts";
import { makeSite } from "./fixture.ts";

/** The document holding the troubleshooting guide; the one place to change when it moves. */
export const TROUBLESHOOTING_DOC = new URL("../../docs/troubleshooting.md", import.meta.url);

export interface Case {
  title: string;
  file: string;
  printed: string;
}

/** Each `###` section's first block (the file) and second block (what check prints). Both are `text`
 * blocks: a formatter leaves those alone, while it would reflow a `markdown` one. */
export function cases(doc: string): Case[] {
  return doc
    .split(/^### /m)
    .slice(1)
    .map((section) => {
      const title = section.split("\n")[0]!;
      const [file, printed] = [...section.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]);
      if (file === undefined || printed === undefined) throw new Error(`"${title}" lacks its two blocks`);
      return { title, file, printed: printed.replace(/\n$/, "") };
    });
}

/** What the check prints for a site holding `file` alone, as `npm run check` words it (without its timing line). */
export async function check(file: string): Promise<string> {
  const site = await makeSite({ "story.md": file });
  try {
    const content = await loadContent({ contentDir: site.content, root: site.root, now: DateTime.utc(2030) });
    buildDigest(content.settings, content.articles, content.images, {}, DateTime.utc(2030), content.cards);
    return content.warnings.map((w) => formatProblems([w])).join("\n");
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return `${error.message}\n\nThe check found errors.`;
  } finally {
    await site.remove();
  }
}
