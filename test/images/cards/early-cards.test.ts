// Generated cards drawn while the content is read: only for a build whose workers were started ahead,
// each card once, and startCards going on with the same drawing to the same cards as a build without it.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { drawState, generatedPng } from "../../../src/images/cards/card-draw.ts";
import { cardDefaults, type CardJob, makeCards, startCards } from "../../../src/images/cards/card-render.ts";
import { startDrawWorkers } from "../../../src/images/cards/draw-threads.ts";
import { earlyCards, takeEarly } from "../../../src/images/cards/early-cards.ts";
import { cardText as text } from "../../helpers/cards.ts";

// A worker loads TypeScript and the fonts before its first card: seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "broadsheet-early-cards-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const job = (i: number): CardJob => ({ name: `ferry-${i}`, text: { ...text, headline: `Ferry ${i} returns` } });

/** A background build's card options, with one worker started ahead, and what stops it. */
function backgroundBuild() {
  const stop = new AbortController();
  const processing = {
    cacheDir: join(dir, "cards"),
    background: stop.signal,
    started: startDrawWorkers(1, stop.signal),
  };
  return { stop, processing };
}

describe("earlyCards", () => {
  it("begins nothing without workers started ahead or outside a background build", async () => {
    const stop = new AbortController();
    expect(await earlyCards({ cacheDir: join(dir, "cards"), background: stop.signal })).toBeUndefined();
    const started = startDrawWorkers(1, stop.signal);
    expect(await earlyCards({ cacheDir: join(dir, "cards"), started })).toBeUndefined();
    stop.abort();
  });

  it("draws the cards of the jobs added early once, and startCards gives the cards a build without it gives", async () => {
    const { stop, processing } = backgroundBuild();
    const add = await earlyCards(processing);
    expect(add).toBeDefined();
    // Twenty jobs added early (one of them twice), then thirty at startCards, of which the first twenty again.
    for (let i = 0; i < 20; i++) add?.(job(i));
    add?.(job(3));
    // A job with a lead image is left to startCards.
    add?.({ ...job(99), lead: join(dir, "missing.jpg") });
    // The workers draw before startCards is called (a hang here means nothing was handed to them).
    while ((await readdir(processing.cacheDir)).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const jobs = Array.from({ length: 30 }, (_, i) => job(i));
    const { names, drawn } = await startCards(jobs, processing);
    const cards = await drawn;
    expect(takeEarly(processing)).toBeUndefined();
    expect(cards.map((c) => c?.name)).toEqual(names.map((n) => n?.name));
    // One file a card, each the bytes drawn on this thread, named as a build without early drawing names them.
    expect((await readdir(processing.cacheDir)).filter((f) => f.endsWith(".png"))).toHaveLength(30);
    const state = drawState(cardDefaults.png);
    for (const [i, card] of cards.entries())
      expect((await readFile(card?.file ?? "")).equals(generatedPng(jobs[i]!.text, cardDefaults.png, state))).toBe(
        true,
      );
    const plain = await makeCards(jobs, { cacheDir: join(dir, "plain") });
    expect(cards.map((c) => c?.name)).toEqual(plain.map((c) => c?.name));
    stop.abort();
  });

  it("stops the early drawing with the build's signal: startCards' cards then reject", async () => {
    const { stop, processing } = backgroundBuild();
    const add = await earlyCards(processing);
    for (let i = 0; i < 40; i++) add?.(job(i));
    stop.abort(new Error("stopped by the test"));
    const { drawn } = await startCards([job(0)], processing);
    await expect(drawn).rejects.toThrow("stopped by the test");
  });
});
