// The counter the drawing threads take their tasks from: every index handed out once, in order, to
// whichever thread asks, through any view of the same shared memory.
import { describe, expect, it } from "vitest";
import { takeTask } from "../../../src/images/cards/draw-messages.ts";

describe("takeTask", () => {
  it("hands out each index once, in order, to every view of the same shared counter", () => {
    const memory = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const [one, other] = [new Int32Array(memory), new Int32Array(memory)];
    expect([takeTask(one), takeTask(other), takeTask(one), takeTask(other)]).toEqual([0, 1, 2, 3]);
    expect(takeTask(new Int32Array(new SharedArrayBuffer(4)))).toBe(0);
  });
});
