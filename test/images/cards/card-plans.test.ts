// Card plans kept between a dev server's rebuilds: a rebuild takes an unchanged job's card from them
// without looking at the cache, and plans again exactly the jobs whose content or lead image changed.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { emptyPlans, recallPlans } from "../../../src/images/cards/card-plans.ts";
import { type CardJob, makeCards } from "../../../src/images/cards/card-render.ts";
import { articleCards, cardJob } from "../../../src/images/cards/article-cards.ts";
import { article, testSettings } from "../../helpers/articles.ts";
import { photo, cardText as text } from "../../helpers/cards.ts";

vi.setConfig({ testTimeout: 30_000 });

let dir: string;
let cacheDir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "broadsheet-card-plans-"));
  cacheDir = join(dir, "cache");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const other: CardJob = { name: "ferry", text: { ...text, headline: "Ferry timetable changes" } };

describe("card plans", () => {
  it("hand out a kept card, and the page image made from it, as the very same object each rebuild", async () => {
    const plans = emptyPlans();
    const processing = { cacheDir, plans };
    const storm = article("storm", "2025-08-15T09:00:00Z", { source: "Coast FM" });
    const quay = article("quay", "2025-08-16T09:00:00Z");
    // Drawn by the first build, kept by it for the second: from then on the same objects.
    await articleCards([storm, quay], testSettings, new Map(), processing);
    const first = await articleCards([storm, quay], testSettings, new Map(), processing);
    const again = await articleCards([storm, { ...quay }], testSettings, new Map(), processing);
    expect(again.cards.get(storm)).toBe(first.cards.get(storm));
    expect(again.cards.get(storm)).toEqual({
      url: expect.stringMatching(/^\/media\/storm-/),
      alt: storm.title,
      width: 1200,
      height: 630,
    });
    const [kept] = await makeCards([cardJob(testSettings)(storm)], processing);
    expect(kept).toBe((await makeCards([cardJob(testSettings)(storm)], processing))[0]);
    expect(kept).toMatchObject({ fromCache: true });
    // A new headline is a new card, and a new image.
    const retitled = { ...storm, title: "Storm closes the coast road again" };
    const third = await articleCards([retitled, quay], testSettings, new Map(), processing);
    expect(third.cards.get(retitled)).not.toBe(first.cards.get(storm));
    expect(third.cards.get(retitled)?.alt).toBe(retitled.title);
  });

  it("answer an unchanged job's card without looking at the cache: a removed cache folder is neither listed nor made again", async () => {
    const plans = emptyPlans();
    const jobs: CardJob[] = [{ name: "bridge", text }, other];
    const first = await makeCards(jobs, { cacheDir, plans });
    await rm(cacheDir, { recursive: true });
    const notices: string[] = [];
    const again = await makeCards(jobs, { cacheDir, plans, onNotice: (line) => notices.push(line) });
    expect(again).toEqual(first.map((card) => ({ ...card, fromCache: true })));
    expect(existsSync(cacheDir)).toBe(false);
    expect(notices).toEqual([]);
  });

  it("plan again only the job whose text changed, and keep only this build's jobs", async () => {
    const plans = emptyPlans();
    const [bridge] = await makeCards([{ name: "bridge", text }, other], { cacheDir, plans });
    const edited: CardJob = { ...other, text: { ...other.text, headline: "Ferry timetable changes again" } };
    // Planned again, the unchanged card would be made again: its file is gone from the cache.
    await rm(bridge!.file);
    const [kept, made] = await makeCards([{ name: "bridge", text }, edited], { cacheDir, plans });
    expect(kept).toEqual({ ...bridge, fromCache: true });
    expect(made).toMatchObject({ fromCache: false, name: expect.stringMatching(/^ferry-[0-9a-f]{10}\.png$/) });
    expect(plans.cards.size).toBe(2);
    await makeCards([edited], { cacheDir, plans });
    expect(plans.cards.size).toBe(1);
  });

  it("tell two jobs of one name apart by their text: each gets its own card, every rebuild", async () => {
    const plans = emptyPlans();
    const twin: CardJob = { name: "bridge", text: { ...text, headline: "Another bridge, another day" } };
    const jobs: CardJob[] = [{ name: "bridge", text }, twin];
    const clean = await makeCards(jobs, { cacheDir: join(dir, "clean") });
    for (let build = 0; build < 3; build++)
      expect((await makeCards(jobs, { cacheDir, plans })).map((card) => card?.name)).toEqual(
        clean.map((card) => card?.name),
      );
    expect(clean[0]?.name).not.toBe(clean[1]?.name);
  });

  it("plan a card again when its lead image changed under an unchanged job", async () => {
    const plans = emptyPlans();
    const lead = join(dir, "lead.jpg");
    await writeFile(lead, await photo(1400, 800));
    const job: CardJob = { name: "harbour", text, lead };
    const [first] = await makeCards([job], { cacheDir, plans });
    await writeFile(lead, await photo(1600, 900));
    const [second] = await makeCards([job], { cacheDir, plans });
    expect(second).toMatchObject({ fromLead: true, fromCache: false });
    expect(second!.name).not.toBe(first!.name);
    // The same job and image again: from the plans.
    expect(await makeCards([job], { cacheDir, plans })).toEqual([{ ...second, fromCache: true }]);
  });

  it("are dropped under another recipe: other options plan every card again", async () => {
    const plans = emptyPlans();
    const lead = join(dir, "lead.jpg");
    await writeFile(lead, await photo(1400, 800));
    const job: CardJob = { name: "harbour", text, lead };
    const [first] = await makeCards([job], { cacheDir, plans });
    const [centre] = await makeCards([job], { cacheDir, plans, options: { position: "centre" } });
    expect(centre).toMatchObject({ fromCache: false });
    expect(centre!.name).not.toBe(first!.name);
  });

  it("once cleared (a rebuild that did not publish), check the cache again: a damaged card is made again with a notice", async () => {
    const plans = emptyPlans();
    const jobs: CardJob[] = [{ name: "bridge", text }];
    const [first] = await makeCards(jobs, { cacheDir, plans });
    const clean = await readFile(first!.file);
    await writeFile(first!.file, Buffer.alloc(10));
    plans.cards.clear();
    const notices: string[] = [];
    const [again] = await makeCards(jobs, { cacheDir, plans, onNotice: (line) => notices.push(line) });
    expect(again).toMatchObject({ name: first!.name, fromCache: false });
    expect((await readFile(again!.file)).equals(clean)).toBe(true);
    expect(notices).toHaveLength(1);
    expect(await readdir(cacheDir)).toHaveLength(1);
  });

  it("keep nothing when there are none, and never keep a job whose lead image is missing", () => {
    const job: CardJob = { name: "gone", text, lead: join(dir, "gone.jpg") };
    const none = recallPlans(undefined, "recipe", [job]);
    expect(none.known).toEqual([undefined]);
    const plans = emptyPlans();
    const recall = recallPlans(plans, "recipe", [job, other]);
    recall.keep(0, null);
    recall.keep(1, null);
    recall.save();
    expect([...plans.cards.values()]).toEqual([{ job: other, lead: undefined, card: null }]);
    expect(recallPlans(plans, "recipe", [other]).known).toEqual([null]);
    expect(recallPlans(plans, "another recipe", [other]).known).toEqual([undefined]);
  });
});
