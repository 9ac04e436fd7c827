// The production build: validate everything, render the pages that changed, then publish at once.
import { checkHostBudget } from "../publish/host-budget.ts";
import type { BuildOptions, BuildSummary } from "./build-types.ts";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { formatProblems } from "../content/errors.ts";
import type { Digest } from "../digest/view-model.ts";
import { cardDefaults } from "../images/cards/card-options.ts";
import { startDrawWorkers, threadsEnded } from "../images/cards/draw-threads.ts";
import { OutputChangedError } from "../publish/output-error.ts";
import { Publisher } from "../publish/publisher.ts";
import { type PublishedIndex, publishSearchIndex } from "../search/pagefind.ts";
import { readBuildCaches } from "./build-caches.ts";
import { attachSink, loadEleventy } from "./eleventy-api.ts";
import { leaveBatch } from "../cli/start-up.js";
import { currentCodeVersion, DEFAULT_CACHE, imageProcessing, keysByUrl, prepare } from "./prepare.ts";
import { emptySiteError, holdsArticles, startPublishing } from "./publishing.ts";

// The options and the summary moved to build-types.ts; importers of the build keep finding them here.
export type { BuildOptions, BuildSummary } from "./build-types.ts";

/** Articles past which a build gives V8 its own tiering back as soon as it has read them (leaveBatch). */
const LARGE_SITE = 10_000;

/** Thrown when the build's signal was aborted: the output was left as it was. */
export class BuildInterrupted extends Error {}

/** The search index of a site that turned search off: none, so the previous one's files are removed. */
const NO_SEARCH: PublishedIndex = { files: 0, bytes: 0, ran: false, save: async () => undefined };
const CONFIG = fileURLToPath(new URL("../../.eleventy.ts", import.meta.url));

function pageCount(d: Digest): number {
  const lists = [
    d.articlePages,
    d.homePages,
    d.dayPages,
    d.tagPages,
    d.sourcePages,
    d.indexPages,
    d.storyPages,
    d.feedFiles,
  ];
  return lists.reduce((sum, list) => sum + list.length, 0);
}

/** A production build: validate everything, render the pages that changed, then publish. */
export async function build(options: BuildOptions = {}): Promise<BuildSummary> {
  try {
    return await buildOnce(options);
  } catch (error) {
    // Files of the output changed by hand since they were published (the output was left as it was):
    // one line, then the build again, checking each file (docs/rebuilds.md).
    if (!(error instanceof OutputChangedError) || options.verifyOutput) throw error;
    console.warn(`${error.changed}: building again, checking every file of the output.`);
    return await buildOnce({ ...options, verifyOutput: true });
  }
}

async function buildOnce(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const input = options.input ?? "content";
  const output = options.output ?? "dist";
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE;
  // Stops the threads drawing cards while the pages render, when the build fails or is interrupted.
  const cardsStop = new AbortController();
  const images = imageProcessing(cacheDir, true, cardsStop.signal);
  // Without a card cache (a cold build) every card is to draw: the worker loads its code and the fonts
  // while Eleventy and the content load, instead of after.
  if (images.cards && !existsSync(images.cards.cacheDir))
    images.cards.started = startDrawWorkers(cardDefaults.workers, cardsStop.signal);
  // Once the pages are rendered and the search index is made, this thread draws cards beside the
  // workers instead of waiting for them (after Pagefind, whose peak of memory it would add to).
  let waiting: () => void = () => undefined;
  if (images.cards)
    images.cards.helpFrom = new Promise<void>((resolve) => {
      waiting = resolve;
    });
  const Eleventy = await loadEleventy();
  const caches = await readBuildCaches(cacheDir, currentCodeVersion());
  const cache = caches.content;
  const publisher = new Publisher(output, { verify: options.verifyOutput ?? false });
  const previous = keysByUrl(publisher.currentKeys());
  // An incremental build gets V8's own tiering back (Node 20; nothing elsewhere): see leaveBatch.
  if (previous.size > 0) leaveBatch();
  let searching: Promise<PublishedIndex> | undefined;
  let committing = false;
  // An interrupt waits for staged work to stop, drops it, then ends the build; once the output is
  // switching it lets the switch finish.
  let stop: (error: unknown) => void = () => undefined;
  const interrupted = new Promise<never>((_, reject) => {
    stop = reject;
  });
  // Handled by the race below, or not needed when the build ended first.
  interrupted.catch(() => undefined);
  // Set once interrupted: the render that may still be running then stages nothing and never commits.
  let stopped = false;
  const onAbort = () => {
    if (committing) return;
    stopped = true;
    stop(new BuildInterrupted("interrupted"));
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const work = async (): Promise<BuildSummary> => {
    const prepared = await prepare({
      contentDir: input,
      preview: options.preview ?? false,
      cache,
      now: DateTime.now(),
      previous,
      images,
      digestMemo: caches.digest,
    });
    if (stopped) throw new BuildInterrupted("interrupted");
    const { digest, content } = prepared;
    // A large site's build gets V8's own tiering back as soon as its articles are read: its card
    // worker, render and check loop over tens of thousands of items (docs/build-speed.md, "Session 14").
    if (digest.articlePages.length > LARGE_SITE) leaveBatch();
    // A card that cannot be drawn stops the build at once, as an interrupt does, with its own error.
    content.cardsDrawing?.catch((error: unknown) => {
      if (committing || stopped) return;
      stopped = true;
      stop(error);
    });
    if (digest.articlePages.length === 0 && !options.allowEmpty && holdsArticles(previous))
      throw emptySiteError(input, output);
    for (const warning of content.warnings) console.warn(formatProblems([warning]));
    const publish = startPublishing(prepared, publisher, previous);
    const page = (url: string, html: string) => {
      if (!stopped) publish(url, html);
    };
    // Pagefind runs in its own process while Eleventy renders.
    searching = digest.settings.search
      ? publishSearchIndex(digest, publisher, join(cacheDir, "search.json"), prepared.version)
      : Promise.resolve(NO_SEARCH);
    const eleventy = new Eleventy(input, output, {
      configPath: relative(process.cwd(), CONFIG),
      quietMode: true,
      config: (eleventyConfig) =>
        // Frozen: see devSink in dev-server.ts.
        attachSink(eleventyConfig, {
          digest: async () => Object.freeze(prepared.render),
          page,
          after: async () => undefined,
        }),
    });
    await eleventy.toJSON();
    const index = await searching;
    waiting();
    const drawnCards = await (content.cardsDrawing ?? []);
    // Nothing is staged after an interrupt, and the switch never starts.
    if (stopped) throw new BuildInterrupted("interrupted");
    for (const card of drawnCards) publisher.copy(card);
    // The host's limits, checked before the output is replaced; fails the build past one.
    const budget = checkHostBudget(digest.settings, publisher.sizes(), join(input, "_data", "site.json"));
    committing = true;
    const published = await publisher.commit();
    await Promise.all([caches.save(), index.save()]);
    return {
      articles: digest.articlePages.length,
      pages: published.files,
      rendered: pageCount(prepared.render),
      written: published.written,
      markdown: cache.rendered,
      images: content.imageWork,
      heldBack: content.heldBack.map((a) => ({ file: a.file, date: a.date.toISO() ?? "" })),
      drafts: content.drafts.length,
      tags: digest.indexPages[0]?.entries.length ?? 0,
      sources: digest.indexPages[1]?.entries.length ?? 0,
      search: { files: index.files, bytes: index.bytes },
      budget,
      seconds: (performance.now() - started) / 1000,
    };
  };
  try {
    if (options.signal?.aborted) throw new BuildInterrupted("interrupted");
    const running = work();
    // After an interrupt the build's own rejection (if any) is of no interest.
    running.catch(() => undefined);
    return await Promise.race([running, interrupted]);
  } catch (error) {
    cardsStop.abort();
    // A card thread stops after the card it draws: the process must not exit (and end it) meanwhile.
    await threadsEnded(cardsStop.signal);
    // Pagefind may still be staging files: let it finish before the staging folder goes.
    await searching?.catch(() => undefined);
    await publisher.abort();
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}
