// Stories from scored candidate pairs: linking, the author's `story:` fields, leads and ids.
import { slugify } from "../digest/slug.ts";
import { candidatePairs, type Candidate, type DetectOptions, detectDefaults, type StoryItem } from "./detect.ts";
import { itemTerms, type StoryText, type TermCounts } from "./features.ts";

/** A group of two or more items reporting one event. */
export interface Story {
  /** The story's slug: the author's story id, else made from the lead headline. */
  id: string;
  /** Input indexes, oldest first (ties by key). */
  members: number[];
  /** Input index of the lead item: the one marked `storyLead`, else the earliest. */
  lead: number;
}

/** Every story of a set of items, and each item's story. */
export interface Detection {
  /** Ordered by their lead's time, then key. */
  stories: Story[];
  /** Index into `stories` for each input item; -1 for an item alone. */
  storyOf: Int32Array;
  /** Each item's scored earlier candidates, for explanations. */
  candidates: Candidate[][];
}

/**
 * Groups items into stories; the same items give the same stories and ids in any input order.
 * `terms` counts a text's terms (the dev server's remembers them between rebuilds).
 */
export function detectStories(
  items: readonly StoryItem[],
  options: Partial<DetectOptions> = {},
  terms: (text: StoryText) => TermCounts = itemTerms,
): Detection {
  const settings = { ...detectDefaults, ...options };
  const { candidates, order } = candidatePairs(items, settings, terms);
  const parent = Int32Array.from(items.keys());
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  // The root of a set is always its earliest item, so roots (and ids) follow time order.
  const rank = new Int32Array(items.length);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  const size = new Int32Array(items.length).fill(1);
  const span = settings.maxSpanDays * 86_400_000;
  // Detection's links respect the span; an author's story id does not (its check warns instead).
  const link = (a: number, b: number) => {
    const [x, y] = [find(a), find(b)];
    const [p, q] = [items[x], items[y]];
    if (p && q && Math.abs(p.time - q.time) <= span) union(a, b);
  };
  const union = (a: number, b: number) => {
    const [x, y] = [find(a), find(b)];
    if (x === y) return;
    const [root, child] = (rank[x] ?? 0) < (rank[y] ?? 0) ? [x, y] : [y, x];
    parent[child] = root;
    size[root] = (size[root] ?? 0) + (size[child] ?? 0);
  };
  const links = linker(settings, candidates, find, (root) => size[root] ?? 1);
  for (const i of order) for (const j of links(i)) link(i, j);
  // An author's story id gathers its items, on top of whatever detection found.
  const named = new Map<string, number>();
  for (const i of order) {
    const id = items[i]?.story;
    if (typeof id !== "string") continue;
    const first = named.get(id);
    if (first === undefined) named.set(id, i);
    else union(first, i);
  }
  const groups = new Map<number, number[]>();
  for (const i of order) {
    if (items[i]?.story === false) continue;
    const root = find(i);
    groups.get(root)?.push(i) ?? groups.set(root, [i]);
  }
  const storyOf = new Int32Array(items.length).fill(-1);
  const stories: Story[] = [];
  const taken = new Set<string>();
  for (const members of groups.values()) {
    const first = members[0];
    if (members.length < 2 || first === undefined) continue;
    const lead = members.find((i) => items[i]?.lead) ?? first;
    const named = members.map((i) => items[i]?.story).find((s): s is string => typeof s === "string");
    const base = named ?? (slugify(items[lead]?.text.title ?? "") || "story");
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    for (const i of members) storyOf[i] = stories.length;
    stories.push({ id, members, lead });
  }
  return { stories, storyOf, candidates };
}

/** For an item, the earlier items it links to under the chosen method. */
function linker(
  options: DetectOptions,
  candidates: readonly Candidate[][],
  find: (i: number) => number,
  sizeOf: (root: number) => number,
): (i: number) => number[] {
  const { method, threshold } = options;
  if (method === "single-link")
    return (i) => (candidates[i] ?? []).filter((c) => c.score >= threshold).map((c) => c.index);
  if (method === "best-link") {
    return (i) => {
      const best = candidates[i]?.[0];
      return best && best.score >= threshold ? [best.index] : [];
    };
  }
  // Average link: the story whose members score best on average (a member not compared scores 0).
  return (i) => {
    const sums = new Map<number, number>();
    for (const c of candidates[i] ?? []) {
      const root = find(c.index);
      sums.set(root, (sums.get(root) ?? 0) + c.score);
    }
    let best = -1;
    let bestScore = threshold;
    for (const [root, sum] of sums) {
      const score = sum / sizeOf(root);
      if (score > bestScore || (score === bestScore && best < 0)) [best, bestScore] = [root, score];
    }
    return best < 0 ? [] : [best];
  };
}
