// Cards drawn in worker threads (and on the calling thread, once it helps): the same bytes as on the
// main thread, every task reported once, a worker's error arriving as the same error, and a stop that
// ends the workers.
import { EventEmitter } from "node:events";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { drawState, generatedPng } from "../../../src/images/cards/card-draw.ts";
import { cardDefaults } from "../../../src/images/cards/card-options.ts";
import { startDrawWorkers, threadsEnded } from "../../../src/images/cards/draw-threads.ts";
import { type DrawTask, drawInWorkers, openDrawing } from "../../../src/images/cards/draw-workers.ts";
import { cardText as text } from "../../helpers/cards.ts";

// A worker loads TypeScript and the fonts before its first card: seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "broadsheet-draw-workers-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const png = cardDefaults.png;
const tasks = (n: number): DrawTask[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `${i.toString(16).padStart(64, "0")}.png`,
    text: { ...text, headline: `Ferry ${i} returns to the harbour` },
  }));

describe("drawInWorkers", () => {
  it.each([1, 2])(
    "draws every task once with %i worker(s), each file the bytes the main thread draws",
    async (workers) => {
      const list = tasks(5);
      const drawn = new Map<number, string>();
      await drawInWorkers(list, {
        dir,
        png,
        workers,
        signal: new AbortController().signal,
        onDrawn: (i, file) => {
          expect(drawn.has(i)).toBe(false);
          drawn.set(i, file);
        },
      });
      expect([...drawn.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
      const state = drawState(png);
      for (const [i, file] of drawn) {
        const task = list[i]!;
        expect(file).toMatch(new RegExp(`^${task.key.slice(0, 64)}-[0-9a-f]{16}\\.png$`));
        expect((await readFile(join(dir, file))).equals(generatedPng(task.text, png, state))).toBe(true);
      }
      expect((await readdir(dir)).sort()).toEqual([...drawn.values()].sort());
    },
  );

  it("removes a task's damaged cache file once its card is saved under another name", async () => {
    const [task] = tasks(1);
    const damaged = `${"0".repeat(64)}-${"f".repeat(16)}.png`;
    await writeFile(join(dir, damaged), "garbled");
    let saved = "";
    await drawInWorkers([{ ...task!, damaged }], {
      dir,
      png,
      workers: 1,
      signal: new AbortController().signal,
      onDrawn: (_, file) => {
        saved = file;
      },
    });
    expect(await readdir(dir)).toEqual([saved]);
  });

  it("rejects with the worker's error, its message and code unchanged, when a card cannot be saved", async () => {
    // A file where the cache folder should be: the worker's first write fails with ENOTDIR.
    const notFolder = join(dir, "cards");
    await writeFile(notFolder, "");
    const drawing = drawInWorkers(tasks(3), {
      dir: notFolder,
      png,
      workers: 2,
      signal: new AbortController().signal,
      onDrawn: () => undefined,
    });
    // Either worker may fail first, with its own task's key.
    await expect(drawing).rejects.toMatchObject({
      code: "ENOTDIR",
      message: expect.stringMatching(
        /^ENOTDIR: not a directory, open '.*cards\/0{63}[0-2]-[0-9a-f]{16}\.png\.[0-9a-f]{12}\.tmp'$/,
      ),
    });
  });

  it("stops its workers when its signal is aborted: it rejects, and no card is reported after", async () => {
    const stop = new AbortController();
    let reported = 0;
    const drawing = drawInWorkers(tasks(400), {
      dir,
      png,
      workers: 2,
      signal: stop.signal,
      onDrawn: () => {
        reported++;
        stop.abort(new Error("stopped by the test"));
      },
    });
    await expect(drawing).rejects.toThrow("stopped by the test");
    const atStop = reported;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 1000));
    // A stopped worker writes nothing more: the files stay as they were (a write under way may end first).
    await pause();
    const files = (await readdir(dir)).length;
    await pause();
    expect((await readdir(dir)).length).toBe(files);
    expect(files).toBeLessThan(400);
    expect(reported).toBe(atStop);
  });

  it("draws on the calling thread too once helpFrom resolves: every task once, the same bytes", async () => {
    const list = tasks(40);
    const drawn = new Map<number, string>();
    await drawInWorkers(list, {
      dir,
      png,
      workers: 1,
      signal: new AbortController().signal,
      helpFrom: Promise.resolve(),
      onDrawn: (i, file) => {
        expect(drawn.has(i)).toBe(false);
        drawn.set(i, file);
      },
    });
    expect([...drawn.keys()].sort((a, b) => a - b)).toEqual(list.map((_, i) => i));
    const state = drawState(png);
    for (const [i, file] of drawn)
      expect((await readFile(join(dir, file))).equals(generatedPng(list[i]!.text, png, state))).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([...new Set(drawn.values())].sort());
  });

  it("draws every task on the calling thread when its worker takes none", async () => {
    // A stand-in for a worker started ahead that never draws: only the calling thread's help can finish.
    const idle = Object.assign(new EventEmitter(), { threadId: 1, ref: () => undefined, postMessage: () => undefined });
    const list = tasks(3);
    const drawn = new Map<number, string>();
    let help: () => void = () => undefined;
    const drawing = drawInWorkers(list, {
      dir,
      png,
      workers: 1,
      signal: new AbortController().signal,
      started: [idle as unknown as Worker],
      helpFrom: new Promise<void>((resolve) => {
        help = resolve;
      }),
      onDrawn: (i, file) => drawn.set(i, file),
    });
    // Nothing is drawn before the help starts.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drawn.size).toBe(0);
    help();
    await drawing;
    const state = drawState(png);
    expect([...drawn.keys()].sort()).toEqual([0, 1, 2]);
    for (const [i, file] of drawn)
      expect((await readFile(join(dir, file))).equals(generatedPng(list[i]!.text, png, state))).toBe(true);
  });

  it("draws tasks added to a running drawing, each once, the workers waiting for those they took before they came", async () => {
    const list = tasks(12);
    const drawn = new Map<number, string>();
    const drawing = openDrawing({
      dir,
      png,
      workers: 2,
      signal: new AbortController().signal,
      onDrawn: (i, file) => {
        expect(drawn.has(i)).toBe(false);
        drawn.set(i, file);
      },
    });
    expect(drawing.add(list.slice(0, 2))).toBe(0);
    // Both workers drew or took what there was: the next tasks come to workers that wait for them.
    while (drawn.size < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(drawing.add(list.slice(2, 7))).toBe(2);
    expect(drawing.add(list.slice(7))).toBe(7);
    drawing.close();
    await drawing.done;
    expect([...drawn.keys()].sort((a, b) => a - b)).toEqual(list.map((_, i) => i));
    const state = drawState(png);
    for (const [i, file] of drawn)
      expect((await readFile(join(dir, file))).equals(generatedPng(list[i]!.text, png, state))).toBe(true);
    expect(() => drawing.add(list.slice(0, 1))).toThrow("closed");
  });

  it("draws nothing, and starts no worker, for no tasks", async () => {
    await expect(
      drawInWorkers([], { dir, png, workers: 2, signal: AbortSignal.abort(), onDrawn: () => undefined }),
    ).resolves.toBeUndefined();
  });
});

describe("startDrawWorkers", () => {
  const exited = (worker: Worker) => new Promise((resolve) => worker.once("exit", resolve));

  it("starts workers that draw their tasks once given them, the same bytes as the main thread", async () => {
    const started = startDrawWorkers(1, new AbortController().signal);
    const list = tasks(3);
    const drawn = new Map<number, string>();
    let reports = 0;
    started[0]?.on("message", () => reports++);
    const ended = exited(started[0]!);
    await drawInWorkers(list, {
      dir,
      png,
      workers: 1,
      signal: new AbortController().signal,
      started,
      onDrawn: (i, file) => drawn.set(i, file),
    });
    expect([...drawn.keys()].sort()).toEqual([0, 1, 2]);
    const state = drawState(png);
    for (const [i, file] of drawn)
      expect((await readFile(join(dir, file))).equals(generatedPng(list[i]!.text, png, state))).toBe(true);
    // The one started ahead did the work (it reported the cards) and ended by itself once done.
    expect(reports).toBeGreaterThan(0);
    expect(await ended).toBe(0);
  });

  it("stops a worker drawing when its signal is aborted by telling it, not terminating it: it ends by itself", async () => {
    const stop = new AbortController();
    const started = startDrawWorkers(1, stop.signal);
    const ended = exited(started[0]!);
    const done = drawInWorkers(tasks(200), {
      dir,
      png,
      workers: 1,
      signal: stop.signal,
      started,
      onDrawn: () => stop.abort(new Error("stopped")),
    });
    await expect(done).rejects.toThrow("stopped");
    // A terminated worker exits with code 1; one that ran out of cards, with 0, after fewer than all 200.
    expect(await ended).toBe(0);
    expect((await readdir(dir)).length).toBeLessThan(200);
  });

  it("lets threadsEnded wait for every worker of a stopped drawing, the one started ahead and those started for it", async () => {
    const stop = new AbortController();
    const started = startDrawWorkers(1, stop.signal);
    const done = drawInWorkers(tasks(200), {
      dir,
      png,
      workers: 2,
      signal: stop.signal,
      started,
      onDrawn: () => stop.abort(new Error("stopped")),
    });
    await expect(done).rejects.toThrow("stopped");
    await threadsEnded(stop.signal);
    expect(started[0]?.threadId).toBe(-1);
    // Nothing else is drawn into the folder once every thread has ended.
    const files = await readdir(dir);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await readdir(dir)).toEqual(files);
  });

  it("ends the workers not needed: all of them for no tasks, the extra ones for fewer workers", async () => {
    const none = startDrawWorkers(2, new AbortController().signal);
    const ended = Promise.all(none.map(exited));
    await drawInWorkers([], {
      dir,
      png,
      workers: 2,
      signal: new AbortController().signal,
      started: none,
      onDrawn: () => undefined,
    });
    await ended;
    const three = startDrawWorkers(3, new AbortController().signal);
    const extra = Promise.all(three.slice(1).map(exited));
    let reported = 0;
    await drawInWorkers(tasks(2), {
      dir,
      png,
      workers: 1,
      signal: new AbortController().signal,
      started: three,
      onDrawn: () => reported++,
    });
    // The two not needed were ended (a hang here means they were left running).
    await extra;
    expect(reported).toBe(2);
  });

  it("terminates the workers started ahead when its signal is aborted before they get tasks", async () => {
    const stop = new AbortController();
    const started = startDrawWorkers(2, stop.signal);
    const ended = Promise.all(started.map(exited));
    stop.abort();
    await ended;
    expect(started.map((w) => w.threadId)).toEqual([-1, -1]);
  });
});
