// `npm start`: Eleventy's dev server over a folder the dev sink publishes into, rebuilt on each edit.
import { statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { watchedPath } from "./watched-path.ts";
import { DateTime } from "luxon";
import { DigestError } from "../content/errors.ts";
import type { LoadCache } from "../content/markdown-cache.ts";
import type { DigestMemo } from "../digest/digest.ts";
import type { KeyMemo } from "../digest/page-keys.ts";
import type { Digest } from "../digest/view-model.ts";
import { emptyPlans } from "../images/cards/card-plans.ts";
import { searchIndexUrl } from "../digest/urls.ts";
import { OutputChangedError } from "../publish/output-error.ts";
import { Publisher, type PublishResult } from "../publish/publisher.ts";
import { backgroundIndexer } from "../search/pagefind.ts";
import { attachSink, loadEleventy, type PageSink } from "./eleventy-api.ts";
import { readBuildCaches } from "./build-caches.ts";
import { currentCodeVersion, DEFAULT_CACHE, imageProcessing, keysByUrl, type Prepared, prepare } from "./prepare.ts";
import { copyAssets, startPublishing } from "./publishing.ts";
import { serveFolder } from "./search-files.ts";
import { devServerOptions, listenOn } from "./server-options.ts";

/** Options of the dev server. */
export interface DevServerOptions {
  /** Content folder. Default `content`. */
  input: string;
  /** Folder the pages are published into and served from. Default `.dev`. */
  output: string;
  /** Interface to listen on. Default `localhost`: drafts stay on this computer. */
  host: string;
  /** First port tried (the next ten are tried when it is taken). Default 8080. */
  port: number;
  /** Folder for what builds remember. Default `.cache/broadsheet`. */
  cacheDir: string;
  /** Where the one line per rebuild goes. Default: standard output. */
  log: (line: string) => void;
}

/** The dev server's defaults. */
export const devServerDefaults = {
  input: "content",
  output: ".dev",
  host: "localhost",
  port: 8080,
  cacheDir: DEFAULT_CACHE,
  log: (line: string) => console.log(line),
} satisfies DevServerOptions;

/** The folder that holds the dev server's search index, beside its output (`.dev.search` for `.dev`). */
export function searchRoot(output: string): string {
  return `${output}.search`;
}

/** How long the dev server waits after the last rebuild before it reindexes search. */
const DEV_SEARCH_QUIET_MS = 3000;
const CONFIG = fileURLToPath(new URL("../../.eleventy.ts", import.meta.url));

/**
 * The dev server's sink: each rebuild publishes through a Publisher, as the production build does,
 * so a deleted article's pages go. It remembers parsed files, related lists and page keys between
 * rebuilds, so that an edit re-reads one file and re-renders only the pages that show something of it.
 * Its first build starts from what production builds saved in the cache folder (rendered Markdown,
 * parsed articles, stories and related lists), which it reads and never writes.
 */
export function devSink(options: Pick<DevServerOptions, "input" | "output" | "cacheDir" | "log">): PageSink {
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
  let echo = false;
  const reindex = backgroundIndexer((error) => options.log(`Search index not updated: ${String(error)}`), {
    quietMs: DEV_SEARCH_QUIET_MS,
  });
  const what = () =>
    changed === undefined
      ? "Built"
      : `Rebuilt after ${changed.map((file) => relative(process.cwd(), file)).join(", ") || "a change"}`;
  return {
    changed(files) {
      // A file saved twice in a row is reported once.
      changed = [...new Set(files.map((file) => watchedPath(file, options.input)))];
    },
    async digest() {
      started = performance.now();
      // The watcher often reports one save twice, the second time while the first rebuild runs; that
      // one would go through the whole site again (26 s of CPU at 100,000 articles) to change nothing.
      echo = built !== undefined && cache !== undefined && changed !== undefined && asBuilt(changed, cache);
      if (echo && built) return Object.freeze(nothingOf(built));
      // Until this rebuild is published, the output may not hold what the last build rendered.
      built = undefined;
      const publisher = new Publisher(options.output, { verify });
      const previous = keysByUrl(publisher.currentKeys());
      const seen = changed === undefined ? undefined : new Set(changed);
      try {
        cache ??= await startingCache(options.cacheDir, memo);
        const prepared = await prepare({
          contentDir: options.input,
          preview: true,
          cache,
          now: DateTime.now(),
          previous,
          dev: { memo, keyMemo, unchanged: (path) => seen !== undefined && !seen.has(path) },
          images,
        });
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
        options.log(`${what()}: nothing changed since the last build`);
        changed = [];
        return;
      }
      if (!current) return;
      const { prepared, publisher } = current;
      current = undefined;
      let result: PublishResult;
      try {
        copyAssets(prepared, publisher);
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

/**
 * Whether every file in `files` is one the last build read, with the size and modification time it
 * had then: the rule by which a rebuild takes a file as unchanged (source-files.ts). A file added,
 * deleted, or outside the articles (settings, an image) is never one.
 */
export function asBuilt(files: readonly string[], cache: LoadCache): boolean {
  return (
    files.length > 0 &&
    files.every((path) => {
      const known = cache.files.get(path);
      const stats = known && statSync(path, { throwIfNoEntry: false });
      return stats?.isFile() === true && stats.size === known?.size && stats.mtimeMs === known.mtimeMs;
    })
  );
}

/** `digest` with no page to render: every list empty. */
function nothingOf(digest: Digest): Digest {
  const entries = Object.entries(digest).map(([name, value]) => [name, Array.isArray(value) ? [] : value]);
  return Object.fromEntries(entries) as Digest;
}

/**
 * The production build's caches, for a dev server's first build: bodies already rendered stay in the
 * Markdown cache's file (at 100,000 articles, 750 MB less heap and most of the first build's time), and
 * stories and related lists are checked, not made again. Read only: a build running beside the
 * server may be appending to them. Fills `memo` with the digest's part; gives the content's.
 */
async function startingCache(cacheDir: string, memo: DigestMemo): Promise<LoadCache> {
  const caches = await readBuildCaches(cacheDir, currentCodeVersion());
  const { stories, related } = caches.digest;
  Object.assign(memo, stories ? { stories } : {}, related ? { related } : {});
  return caches.content;
}

/** Starts Eleventy's dev server; resolves with its address once it listens, and a function that stops it. */
export async function startDevServer(
  options: Partial<DevServerOptions> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const o = { ...devServerDefaults, ...options };
  const Eleventy = await loadEleventy();
  const sink = devSink(o);
  const eleventy = new Eleventy(o.input, o.output, {
    configPath: relative(process.cwd(), CONFIG),
    quietMode: true,
    runMode: "serve",
    // Eleventy writes nothing itself: pages reach the output through the sink's Publisher.
    dryRun: true,
    config: (eleventyConfig) => {
      attachSink(eleventyConfig, sink);
      eleventyConfig.setServerOptions({
        ...devServerOptions,
        middleware: [
          ...devServerOptions.middleware,
          serveFolder(searchIndexUrl, join(searchRoot(o.output), searchIndexUrl)),
        ],
      });
    },
  });
  eleventy.disableLogger();
  await eleventy.init();
  await eleventy.watch();
  // Eleventy 3.1 does not rebuild when a file is deleted; a deleted article must take its pages with it.
  eleventy.watcher?.on("unlink", (path) => eleventy.watcher?.emit("change", path));
  const serve = eleventy.eleventyServe;
  await serve.init();
  await serve.initServerInstance();
  const server = serve.server;
  listenOn(server, o.host);
  await eleventy.serve(o.port);
  await server.ready();
  const address = server.server.address() as { port: number };
  const shown = o.host === "0.0.0.0" || o.host === "::" ? "localhost" : o.host;
  return {
    url: `http://${shown.includes(":") ? `[${shown}]` : shown}:${address.port}/`,
    close: () => eleventy.stopWatch(),
  };
}
