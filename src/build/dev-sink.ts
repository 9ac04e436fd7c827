// What each of the dev server's builds does: it publishes through a Publisher, as the production build
// does, and remembers between rebuilds what lets an edit's rebuild follow the edit.
import { join, relative } from "node:path";
import { DateTime } from "luxon";
import { DigestError } from "../content/errors.ts";
import type { LoadCache } from "../content/markdown-cache.ts";
import type { Listing } from "../content/source-files.ts";
import type { DigestMemo } from "../digest/digest.ts";
import type { KeyMemo } from "../digest/page-keys.ts";
import type { Digest } from "../digest/view-model.ts";
import { emptyPlans } from "../images/cards/card-plans.ts";
import { OutputChangedError } from "../publish/output-error.ts";
import { Publisher, type PublishResult } from "../publish/publisher.ts";
import { backgroundIndexer } from "../search/pagefind.ts";
import { imagesOf, listedAsBefore, nothingOf, nothingRead, startingCache } from "./dev-rebuild.ts";
import type { PageSink } from "./eleventy-api.ts";
import { imageProcessing, keysByUrl, type Prepared, prepare } from "./prepare.ts";
import { startPublishing } from "./publishing.ts";
import { watchedPath } from "./watched-path.ts";

/** Options of the dev server's builds. */
export interface DevSinkOptions {
  /** Content folder. Default `content`. */
  input: string;
  /** Folder the pages are published into and served from. Default `.dev`. */
  output: string;
  /** Folder for what builds remember. Default `.cache/broadsheet`. */
  cacheDir: string;
  /** Where the one line per rebuild goes. Default: standard output. */
  log: (line: string) => void;
}

/** The folder that holds the dev server's search index, beside its output (`.dev.search` for `.dev`). */
export function searchRoot(output: string): string {
  return `${output}.search`;
}

/** How long the dev server waits after the last rebuild before it reindexes search. */
const DEV_SEARCH_QUIET_MS = 3000;

/**
 * The dev server's sink: each rebuild publishes through a Publisher, as the production build does,
 * so a deleted article's pages go. It remembers parsed files, related lists and page keys between
 * rebuilds, so that an edit re-reads one file and re-renders only the pages that show something of it.
 * Its first build starts from what production builds saved in the cache folder (rendered Markdown,
 * parsed articles, stories and related lists), which it reads and never writes.
 */
export function devSink(options: DevSinkOptions): PageSink {
  let cache: LoadCache | undefined;
  const memo: DigestMemo = {};
  const keyMemo: KeyMemo = {};
  const plans = emptyPlans();
  const images = imageProcessing(options.cacheDir, false);
  // The card plans ride on the card options, which prepare() hands to the cards as they are.
  if (images.cards) images.cards.plans = plans;
  // Files the watcher reported since the last build; until the first report, every file is looked at.
  let changed: string[] | undefined;
  let current: { prepared: Prepared; publisher: Publisher; page: (url: string, html: string) => void } | undefined;
  let started = 0;
  // After a rebuild found files of the output changed by hand, the next one stats every file.
  let verify = false;
  // What the last build rendered, while the output holds it: a rebuild with nothing to do renders none of it.
  let built: Digest | undefined;
  let echo: ReturnType<typeof nothingRead>;
  // The images the published build's articles show, gathered when a report first asks: a report of
  // another file beside them is none of the site's.
  let shown: () => ReadonlySet<string> = () => new Set();
  // The articles folder as the last build listed it, and its paths once a report asks: while reports
  // name only edits of files in it, the next build takes it instead of listing 100,000 files again.
  // A build that fails lets it go: the files reported to it are then in no listing.
  let listing: { listed: Listing; paths?: ReadonlySet<string> } | undefined;
  const reindex = backgroundIndexer((error) => options.log(`Search index not updated: ${String(error)}`), {
    quietMs: DEV_SEARCH_QUIET_MS,
  });
  const named = () => (changed ?? []).map((file) => relative(process.cwd(), file)).join(", ");
  const what = () => (changed === undefined ? "Built" : `Rebuilt after ${named() || "a change"}`);
  return {
    changed(files) {
      // A file saved twice in a row is reported once.
      changed = [...new Set(files.map((file) => watchedPath(file, options.input)))];
    },
    async digest() {
      started = performance.now();
      // A report of files as the last build read them (a watcher telling a save twice, a file put back
      // as it was), or of files no build reads (an editor's swap file), would go through the whole site
      // again (26 s of CPU at 100,000 articles) for nothing.
      echo =
        built !== undefined && cache !== undefined && changed !== undefined
          ? nothingRead(changed, cache, join(options.input, "articles"), shown)
          : undefined;
      if (echo && built) return Object.freeze(nothingOf(built));
      // Until this rebuild is published, the output may not hold what the last build rendered.
      built = undefined;
      const publisher = new Publisher(options.output, { verify });
      const previous = keysByUrl(publisher.currentKeys());
      const seen = changed === undefined ? undefined : new Set(changed);
      const last = listing;
      const standing =
        last && changed !== undefined && listedAsBefore(changed, () => (last.paths ??= new Set(last.listed.paths)))
          ? last.listed
          : undefined;
      listing = undefined;
      try {
        cache ??= await startingCache(options.cacheDir, memo);
        const prepared = await prepare({
          contentDir: options.input,
          preview: true,
          cache,
          now: DateTime.now(),
          previous,
          dev: {
            memo,
            keyMemo,
            unchanged: (path) => seen !== undefined && !seen.has(path),
            ...(standing ? { listing: standing } : {}),
          },
          images,
        });
        listing = prepared.content.listing === standing ? last : { listed: prepared.content.listing };
        current = { prepared, publisher, page: startPublishing(prepared, publisher, previous) };
        // Frozen, so that Eleventy hands the templates the digest itself: a page's data reaches global
        // data through proxies (its pagination's ProxyWrap), which wrap every plain object read through
        // them, and a layout reads the settings dozens of times a page. Frozen objects are passed as they are.
        return Object.freeze(prepared.render);
      } catch (error) {
        await publisher.abort();
        plans.cards.clear();
        // A first build that fails ends `npm start` with the same report (see main.ts): said once, there.
        if (changed === undefined) throw error;
        const problems = error instanceof DigestError ? error.message : `an unexpected error: ${String(error)}`;
        options.log(`${what()}: not published, ${options.output} was left as it was.\n${problems}`);
        throw error;
      }
    },
    page(url, html) {
      current?.page(url, html);
    },
    async after() {
      if (echo) {
        // An editor's swap file, written every few seconds while an article is open, is not news.
        if (echo === "as built") options.log(`Not rebuilt: nothing the site reads has changed (${named()})`);
        changed = [];
        return;
      }
      if (!current) return;
      const { prepared, publisher } = current;
      current = undefined;
      let result: PublishResult;
      try {
        result = await publisher.commit();
      } catch (error) {
        // Kept cards are taken on the published output's word: after a rebuild that did not publish,
        // each is checked in the cache again, so a card the output lacks is never copied unchecked.
        plans.cards.clear();
        if (!(error instanceof OutputChangedError)) throw error;
        verify = true;
        options.log(`${what()}: not published: ${error.changed}; the next rebuild checks every file.`);
        return;
      }
      verify = false;
      built = prepared.render;
      const { articles, heldBack, drafts } = prepared.content;
      let images: ReadonlySet<string> | undefined;
      shown = () => (images ??= imagesOf(articles, heldBack, drafts));
      const warnings = prepared.content.warnings.length;
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      options.log(
        `${what()}: ${result.written} files written, ${result.removed} removed in ${seconds} s` +
          (warnings > 0 ? `; ${warnings} warning${warnings === 1 ? "" : "s"} (npm run check lists them)` : ""),
      );
      changed = [];
      // Beside the output, not in it: see search-files.ts.
      if (prepared.digest.settings.search) void reindex(prepared.digest, searchRoot(options.output), prepared.version);
    },
  };
}
