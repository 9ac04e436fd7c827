import { describe, expect, it } from "vitest";
import { evaluateClusters } from "../../src/stories/evaluate.ts";

describe("evaluateClusters", () => {
  it.each([
    ["perfect", ["x", "x", "y"], ["a", "a", "b"], { precision: 1, recall: 1, bcubedF1: 1 }],
    ["all merged", ["x", "x", "x"], ["a", "a", "b"], { precision: 1 / 3, recall: 1 }],
    ["all apart", ["x", "y", "z"], ["a", "a", "b"], { precision: 1, recall: 0 }],
    ["empty", [], [], { precision: 1, recall: 1, bcubedF1: 1 }],
  ])("%s", (_, predicted, truth, expected) => {
    expect(evaluateClusters(predicted, truth)).toMatchObject(expected);
  });

  it("computes B-cubed F1 from per-item precision and recall", () => {
    // Items: predicted {1,2,3}, truth {1,2},{3}. Precision per item 2/3, 2/3, 1/3; recall 1, 1, 1.
    const p = (2 / 3 + 2 / 3 + 1 / 3) / 3;
    expect(evaluateClusters(["x", "x", "x"], ["a", "a", "b"]).bcubedF1).toBeCloseTo((2 * p) / (p + 1), 10);
  });
});
