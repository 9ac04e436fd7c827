// What story detection reads of an article, and how one build's inputs are compared with the last
// detection's: item by item (the dev server keeps the items), or by a fingerprint (a production build
// keeps only that, in the digest cache).
import { createHash } from "node:crypto";
import type { Article } from "../content/article.ts";
import type { StoryItem } from "./detect.ts";

/** What detection reads of an article. */
export function storyItem(a: Article): StoryItem {
  return {
    key: a.url,
    time: a.date.toMillis(),
    source: a.source,
    // The Markdown cache's index holds the first paragraph: no body is read from disk for this.
    text: { title: a.title, summary: a.summary, lead: a.firstParagraph },
    story: a.story,
    lead: a.storyLead,
  };
}

/** A hash of everything detection reads of `items`, in order: equal fingerprints, equal stories. */
export function storyFingerprint(items: readonly StoryItem[]): string {
  const hash = createHash("md5");
  // The same bytes as one update a line, in chunks: 200,000 calls into the hash cost more than the hashing.
  let chunk = "";
  for (const x of items) {
    const { title, summary, lead } = x.text;
    chunk += `${JSON.stringify([x.key, x.time, x.source, x.story, x.lead, title, summary, lead])}\n`;
    if (chunk.length > 65_536) {
      hash.update(chunk);
      chunk = "";
    }
  }
  return hash.update(chunk).digest("base64url");
}

/** Do two item lists hold equal items in the same order (what detection reads of each)? */
export function sameItems(a: readonly StoryItem[], b: readonly StoryItem[]): boolean {
  return a.length === b.length && a.every((x, i) => sameItem(x, b[i]));
}

function sameItem(x: StoryItem, y: StoryItem | undefined): boolean {
  if (x === y) return true;
  if (y === undefined) return false;
  const [s, t] = [x.text, y.text];
  return (
    x.key === y.key &&
    x.time === y.time &&
    x.source === y.source &&
    x.story === y.story &&
    x.lead === y.lead &&
    s.title === t.title &&
    s.summary === t.summary &&
    s.lead === t.lead
  );
}
