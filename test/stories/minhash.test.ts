import { describe, expect, it } from "vitest";
import { minHashClusters } from "../../src/stories/minhash.ts";
import type { StoryItem } from "../../src/stories/detect.ts";

const item = (key: string, day: number, title: string): StoryItem => ({
  key,
  time: Date.UTC(2026, 10, day),
  text: { title, summary: "", lead: "" },
});

describe("minHashClusters", () => {
  it("puts items with the same words together inside the window, and apart outside it", () => {
    const title = "Storm Ardel batters Kestrel Bay seafront homes";
    const labels = minHashClusters([
      item("a", 2, title),
      item("b", 2, title),
      item("c", 2, "Library opens on Sundays in Ashford"),
      item("d", 20, title),
    ]);
    expect(labels).toEqual(["a", "a", "c", "d"]);
  });

  it("labels an empty list with nothing", () => {
    expect(minHashClusters([])).toEqual([]);
  });
});
