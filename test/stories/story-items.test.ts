// What detection reads of an article, and the two ways a build's items are compared with the last
// detection's: the fingerprint must move with every field detection reads, and only with those.
import { describe, expect, it } from "vitest";
import type { StoryItem } from "../../src/stories/detect.ts";
import { sameItems, storyFingerprint, storyItem } from "../../src/stories/story-items.ts";
import { article } from "../helpers/articles.ts";

const base = storyItem(
  article("ferry", "2026-11-02T09:00:00Z", {
    title: "Ferry to Kestrel Bay resumes",
    summary: "Crossings restart on Monday.",
    firstParagraph: "The Kestrel Bay ferry resumes its crossings on Monday after repairs.",
    source: "The Tarnside Gazette",
  }),
);

describe("storyItem", () => {
  it("reads the headline, summary and first paragraph, the time, the outlet and the story fields", () => {
    expect(base.text).toEqual({
      title: "Ferry to Kestrel Bay resumes",
      summary: "Crossings restart on Monday.",
      lead: "The Kestrel Bay ferry resumes its crossings on Monday after repairs.",
    });
    expect(base.time).toBe(Date.UTC(2026, 10, 2, 9));
    expect(base.source).toBe("The Tarnside Gazette");
  });
});

describe("storyFingerprint and sameItems", () => {
  const other = storyItem(article("bridge", "2026-11-02T10:00:00Z", { title: "Bridge shut for a week" }));
  const changes: [string, StoryItem][] = [
    ["the URL", { ...base, key: "/2026/11/02/ferry-2/" }],
    ["the time", { ...base, time: base.time + 60_000 }],
    ["the outlet", { ...base, source: "The Ashford Courier" }],
    ["the story id", { ...base, story: "ferry-story" }],
    ["the lead flag", { ...base, lead: true }],
    ["the headline", { ...base, text: { ...base.text, title: "Ferry to Kestrel Bay resumes today" } }],
    ["the summary", { ...base, text: { ...base.text, summary: "Crossings restart." } }],
    ["the first paragraph", { ...base, text: { ...base.text, lead: "The ferry resumes." } }],
  ];

  it("are equal for equal items, whatever the objects", () => {
    const copy = { ...base, text: { ...base.text } };
    expect(storyFingerprint([base, other])).toBe(storyFingerprint([copy, { ...other }]));
    expect(sameItems([base, other], [copy, { ...other }])).toBe(true);
  });

  it.each(changes)("both see a change of %s", (_, changed) => {
    expect(storyFingerprint([changed, other])).not.toBe(storyFingerprint([base, other]));
    expect(sameItems([changed, other], [base, other])).toBe(false);
  });

  it("both see the order and the number of items", () => {
    expect(storyFingerprint([other, base])).not.toBe(storyFingerprint([base, other]));
    expect(sameItems([other, base], [base, other])).toBe(false);
    expect(sameItems([base], [base, other])).toBe(false);
  });

  it("sees a change past the first 64 KB chunk of a long list, and equal long lists alike", () => {
    const many = Array.from({ length: 2_000 }, (_, i) => ({ ...base, key: `/2026/11/02/item-${i}/` }));
    const edited = many.map((x, i) => (i === 1_500 ? { ...x, time: x.time + 1 } : x));
    expect(storyFingerprint(many)).toBe(storyFingerprint(many.map((x) => ({ ...x }))));
    expect(storyFingerprint(edited)).not.toBe(storyFingerprint(many));
  });
});
