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

// Plain loops over preallocated arrays: TypedArray.from with a map function and a subarray per
// item were seconds at 100,000 items.

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
  const n = items.length;
  const c: RelatedColumns = {
    strings,
    urls: new Int32Array(n),
    times: new Float64Array(n),
    sources: new Int32Array(n),
    stories: new Float64Array(n),
    tagStart: new Int32Array(n + 1),
    tags: new Int32Array(0),
    matchStart: new Int32Array(n + 1),
    matchIndex: new Int32Array(0),
    matchScore: new Float64Array(0),
    sharedStart: new Int32Array(0),
    shared: new Int32Array(0),
  };
  const tags: number[] = [];
  const matchIndex: number[] = [];
  const matchScore: number[] = [];
  const sharedStart: number[] = [0];
  const shared: number[] = [];
  items.forEach((item, i) => {
    c.urls[i] = id(item.url);
    c.times[i] = item.time;
    c.sources[i] = item.source === undefined ? -1 : id(item.source);
    c.stories[i] = item.story ?? Number.NaN;
    for (const tag of item.tags) tags.push(id(tag));
    c.tagStart[i + 1] = tags.length;
    for (const m of result[i] ?? []) {
      matchIndex.push(m.index);
      matchScore.push(m.score);
      for (const tag of m.sharedTags) shared.push(id(tag));
      sharedStart.push(shared.length);
    }
    c.matchStart[i + 1] = matchIndex.length;
  });
  return {
    ...c,
    tags: Int32Array.from(tags),
    matchIndex: Int32Array.from(matchIndex),
    matchScore: Float64Array.from(matchScore),
    sharedStart: Int32Array.from(sharedStart),
    shared: Int32Array.from(shared),
  };
}

/** The items and lists `toColumns` was given, equal by value. */
export function fromColumns(c: RelatedColumns): { items: RelatedInput[]; result: RelatedMatch[][] } {
  // Made at their length: an array grown by push holds room for 17 (150 bytes more), and a 100,000-article
  // site decodes half a million of these small lists (a subarray each, as above, would be slower still).
  const strings = (list: Int32Array, from: number, to: number) => {
    const out = new Array<string>(to - from);
    for (let k = from; k < to; k++) out[k - from] = c.strings[list[k] ?? -1] ?? "";
    return out;
  };
  const items: RelatedInput[] = [];
  const result: RelatedMatch[][] = [];
  for (let i = 0; i < c.urls.length; i++) {
    const source = c.sources[i] ?? -1;
    const story = c.stories[i] ?? Number.NaN;
    items.push({
      url: c.strings[c.urls[i] ?? -1] ?? "",
      time: c.times[i] ?? 0,
      tags: strings(c.tags, c.tagStart[i] ?? 0, c.tagStart[i + 1] ?? 0),
      source: source < 0 ? undefined : (c.strings[source] ?? ""),
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
