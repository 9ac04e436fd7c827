// Related inputs and lists as a few columns of numbers and one table of strings, the form the digest
// cache saves them in: at 100,000 articles, V8's serialization of 600,000 small objects took seconds
// both ways, where typed arrays are copied as they are and the objects are made again in one loop.
import type { RelatedInput, RelatedMatch } from "./related.ts";

/** Related inputs and their lists, in columns; strings are indexes into `strings`. */
export interface RelatedColumns {
  strings: string[];
  urls: Int32Array;
  times: Float64Array;
  /** -1 for none. */
  sources: Int32Array;
  /** NaN for none (any number is kept exactly). */
  stories: Float64Array;
  /** Item i's tags are `tags[tagStart[i]]` up to `tags[tagStart[i + 1]]`. */
  tagStart: Int32Array;
  tags: Int32Array;
  /** Item i's matches are `matchStart[i]` up to `matchStart[i + 1]`. */
  matchStart: Int32Array;
  matchIndex: Int32Array;
  matchScore: Float64Array;
  /** Match m's shared tags are `shared[sharedStart[m]]` up to `shared[sharedStart[m + 1]]`. */
  sharedStart: Int32Array;
  shared: Int32Array;
}

/** The columns of `items` and their related lists `result` (one list per item). */
export function toColumns(
  items: readonly RelatedInput[],
  result: readonly (readonly RelatedMatch[])[],
): RelatedColumns {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let known = ids.get(s);
    if (known === undefined) ids.set(s, (known = strings.push(s) - 1));
    return known;
  };
  const tags: number[] = [];
  const tagStart = new Int32Array(items.length + 1);
  const matches = result.flatMap((list, i) => (i < items.length ? list : []));
  const matchStart = new Int32Array(items.length + 1);
  const shared: number[] = [];
  const sharedStart = new Int32Array(matches.length + 1);
  items.forEach((item, i) => {
    for (const tag of item.tags) tags.push(id(tag));
    tagStart[i + 1] = tags.length;
    matchStart[i + 1] = (matchStart[i] ?? 0) + (result[i]?.length ?? 0);
  });
  matches.forEach((m, k) => {
    for (const tag of m.sharedTags) shared.push(id(tag));
    sharedStart[k + 1] = shared.length;
  });
  return {
    strings,
    urls: Int32Array.from(items, (item) => id(item.url)),
    times: Float64Array.from(items, (item) => item.time),
    sources: Int32Array.from(items, (item) => (item.source === undefined ? -1 : id(item.source))),
    stories: Float64Array.from(items, (item) => item.story ?? Number.NaN),
    tagStart,
    tags: Int32Array.from(tags),
    matchStart,
    matchIndex: Int32Array.from(matches, (m) => m.index),
    matchScore: Float64Array.from(matches, (m) => m.score),
    sharedStart,
    shared: Int32Array.from(shared),
  };
}

/** The items and lists `toColumns` was given, equal by value. */
export function fromColumns(c: RelatedColumns): { items: RelatedInput[]; result: RelatedMatch[][] } {
  const text = (i: number | undefined) => c.strings[i ?? -1] ?? "";
  const strings = (list: Int32Array, from: number, to: number) => Array.from(list.subarray(from, to), text);
  const items: RelatedInput[] = [];
  const result: RelatedMatch[][] = [];
  for (let i = 0; i < c.urls.length; i++) {
    const source = c.sources[i] ?? -1;
    const story = c.stories[i] ?? Number.NaN;
    items.push({
      url: text(c.urls[i]),
      time: c.times[i] ?? 0,
      tags: strings(c.tags, c.tagStart[i] ?? 0, c.tagStart[i + 1] ?? 0),
      source: source < 0 ? undefined : text(source),
      story: Number.isNaN(story) ? undefined : story,
    });
    const list: RelatedMatch[] = [];
    for (let m = c.matchStart[i] ?? 0; m < (c.matchStart[i + 1] ?? 0); m++)
      list.push({
        index: c.matchIndex[m] ?? 0,
        score: c.matchScore[m] ?? 0,
        sharedTags: strings(c.shared, c.sharedStart[m] ?? 0, c.sharedStart[m + 1] ?? 0),
      });
    result.push(list);
  }
  return { items, result };
}
