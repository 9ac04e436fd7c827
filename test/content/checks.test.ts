import { describe, expect, it } from "vitest";
import { limitProblems, locate, nameMisspellings, surrogateProblems } from "../../src/content/checks.ts";
import { describeValue, formatProblems, type Problem } from "../../src/content/errors.ts";

describe("limitProblems", () => {
  const limits = { bodyWarnBytes: 10, bodyMaxBytes: 20 };
  const tags = (n: number) => ({ tags: Array.from({ length: n }, (_, i) => `t${i}`) });

  it("allows up to maxTagsPerArticle tags, refuses one more", () => {
    expect(limitProblems("a.md", tags(3), "", { maxTagsPerArticle: 3 }, limits)).toEqual([]);
    expect(limitProblems("a.md", tags(4), "", { maxTagsPerArticle: 3 }, limits)).toEqual([
      {
        file: "a.md",
        field: "tags",
        message: "has 4 tags; at most 3 are allowed (the site setting maxTagsPerArticle), keep the most telling ones",
      },
    ]);
  });

  it("warns about a long body and refuses a huge one, counting UTF-8 bytes", () => {
    expect(limitProblems("a.md", {}, "x".repeat(10), { maxTagsPerArticle: 3 }, limits)).toEqual([]);
    const warned = limitProblems("a.md", {}, "é".repeat(6), { maxTagsPerArticle: 3 }, limits);
    expect(warned.map((p) => p.warning)).toEqual([true]);
    const refused = limitProblems("a.md", {}, "x".repeat(21), { maxTagsPerArticle: 3 }, limits);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.warning).toBeUndefined();
  });
});

describe("surrogateProblems", () => {
  it("finds an unpaired surrogate in any field, nested or listed, and passes paired ones", () => {
    const found = surrogateProblems("a.md", {
      title: "ok 🎉",
      tags: ["fine", "bad \ud800"],
      corrections: [{ text: "\udc00 x" }],
    });
    expect(found.map((p) => p.field)).toEqual(["tags[1]", "corrections[0].text"]);
    expect(found[0]?.message).toContain('got "bad \ufffd"');
  });
});

describe("nameMisspellings and locate", () => {
  it("names the near-miss of a missing required field with its line", () => {
    const problems: Problem[] = [{ file: "a.md", field: "title", message: "is required; expected a headline" }];
    const named = nameMisspellings(problems, { tittle: "X" }, ["title", "date"], () => new Map([["tittle", 2]]));
    expect(named).toEqual(new Set(["tittle"]));
    expect(problems[0]).toEqual({
      file: "a.md",
      field: "title",
      line: 2,
      message:
        'is required; expected a headline; "tittle" on line 2 looks like a misspelling of it: rename tittle to title',
    });
  });

  it("gives a list item the line of its list when the item's own is unknown", () => {
    const problems: Problem[] = [
      { file: "a.md", field: "tags[4]", message: "x" },
      { file: "a.md", message: "y" },
    ];
    locate(problems, new Map([["tags", 7]]));
    expect(problems.map((p) => p.line)).toEqual([7, undefined]);
  });
});

describe("messages", () => {
  it("counts warnings apart from errors and labels them", () => {
    const warning: Problem = { file: "a.md", field: "sumary", message: "is not a known field", warning: true, line: 3 };
    expect(formatProblems([warning])).toBe(
      "a.md: 1 warning\n  line 3: warning: sumary: is not a known field\n  See README.md#front-matter",
    );
    expect(formatProblems([{ file: "a.md", message: "bad" }, warning, warning]).split("\n")[0]).toBe(
      "a.md: 1 problem, 2 warnings",
    );
  });

  it("cuts quoted values at 80 characters", () => {
    expect(describeValue("x".repeat(81))).toBe(`"${"x".repeat(80)}…"`);
    expect(describeValue("x".repeat(80))).toBe(`"${"x".repeat(80)}"`);
    expect(describeValue(Array(50).fill("tag"))).toMatch(/^a list \(.{80}…\)$/);
  });
});
