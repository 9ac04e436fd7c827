import { describe, expect, it } from "vitest";
import { createBuildContext, memoSlot } from "../../src/digest/build-context.ts";

describe("build context", () => {
  it("makes a memo once per build, at its first use", () => {
    let made = 0;
    const slot = memoSlot(() => ({ number: ++made }));
    const context = createBuildContext();
    expect(made).toBe(0);
    const first = context.memo(slot);
    expect(context.memo(slot)).toBe(first);
    expect(made).toBe(1);
  });

  it("never shares a memo between two builds", () => {
    const slot = memoSlot(() => new Map<string, string>());
    const a = createBuildContext();
    const b = createBuildContext();
    a.memo(slot).set("headline", "from build A");
    expect(b.memo(slot)).not.toBe(a.memo(slot));
    expect(b.memo(slot).get("headline")).toBeUndefined();
  });

  it("keeps two slots apart even when they make the same kind of value", () => {
    const one = memoSlot(() => new Map<string, number>());
    const two = memoSlot(() => new Map<string, number>());
    const context = createBuildContext();
    context.memo(one).set("x", 1);
    expect(context.memo(two).has("x")).toBe(false);
  });
});
