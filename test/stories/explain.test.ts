import { describe, expect, it } from "vitest";
import { explainItem, explanationLines } from "../../src/stories/explain.ts";
import { detectStories } from "../../src/stories/stories.ts";
import { loadEvaluationSet } from "./eval-set.ts";

const { items, ids } = loadEvaluationSet();
const at = (id: string) => ids.indexOf(id);

describe("explainItem", () => {
  it("names the item's story and the links, earlier and later, that put it there", () => {
    const e = explainItem(items, at("mill-fire-courier-2"));
    const { stories, storyOf } = detectStories(items);
    expect(e.story?.id).toBe(stories[storyOf[at("mill-fire-courier-2")]!]!.id);
    const linked = e.comparisons.filter((c) => c.linked);
    expect(linked.map((c) => c.direction)).toContain("earlier");
    expect(linked.map((c) => c.direction)).toContain("later");
    for (const c of linked) expect(e.story!.members).toContain(c.index);
    // Best first, each with the shared terms that made its cosine.
    expect(e.comparisons.map((c) => c.score)).toEqual([...e.comparisons.map((c) => c.score)].sort((a, b) => b - a));
    expect(linked[0]!.terms.map(([t]) => t)).toContain("calder");
  });

  it("says when an item is in no story and why", () => {
    const lines = explanationLines(explainItem(items, at("roundup-lantern-1")), (i) => ids[i]!);
    expect(lines[0]).toBe("Not in any story.");
    expect(lines.slice(2).every((l) => !l.includes("linked "))).toBe(true);
  });

  it("says when there was nothing to compare with", () => {
    const lines = explanationLines(explainItem([items[0]!], 0), (i) => ids[i]!);
    expect(lines).toContain("No candidates: no other item within the window shares enough terms.");
  });
});
