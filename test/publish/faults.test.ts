// The fault-injection hook: off by default, kills at exactly the planned step.
import { describe, expect, it } from "vitest";
import { faultPlan, noFaults } from "../../src/publish/faults.ts";

describe("faultPlan", () => {
  it("is off without a plan", () => {
    expect(faultPlan(undefined)).toBe(noFaults);
    expect(faultPlan("")).toBe(noFaults);
  });

  it("sends the signal at the planned step and at no other", () => {
    const sent: string[] = [];
    const hook = faultPlan("3:SIGINT", (signal) => void sent.push(signal));
    hook("a");
    hook("b");
    expect(sent).toEqual([]);
    hook("c");
    expect(sent).toEqual(["SIGINT"]);
    hook("d");
    expect(sent).toEqual(["SIGINT"]);
  });

  it("kills with SIGKILL when the plan names no signal", () => {
    const sent: string[] = [];
    faultPlan("1", (signal) => void sent.push(signal))("a");
    expect(sent).toEqual(["SIGKILL"]);
  });

  it.each(["x", "0", "-2:SIGKILL", "1.5"])("refuses the plan %s", (plan) => {
    expect(() => faultPlan(plan)).toThrow(/BROADSHEET_FAULT/);
  });
});
