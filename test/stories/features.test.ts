import { describe, expect, it } from "vitest";
import { itemTerms } from "../../src/stories/features.ts";

describe("itemTerms", () => {
  it("marks names inside a sentence and numbers without separators; counts the headline twice", () => {
    const terms = itemTerms({ title: "Storm hits Kestrel Bay", summary: "About 14,000 homes lost power.", lead: "" });
    expect(terms.get("n:kestrel")).toBe(2);
    expect(terms.has("n:storm")).toBe(false);
    expect(terms.get("#:14000")).toBe(1);
    expect(terms.get("home")).toBe(1);
    expect(terms.has("about")).toBe(false);
  });

  it("reads Unicode letters", () => {
    expect(itemTerms({ title: "Ferry to São Marcos", summary: "", lead: "" }).has("n:são")).toBe(true);
  });

  it("does not count a lead that repeats the summary", () => {
    const text = "Crews removed the barriers at dawn.";
    expect(itemTerms({ title: "", summary: text, lead: `${text} More.` }).get("crew")).toBe(1);
  });
});
