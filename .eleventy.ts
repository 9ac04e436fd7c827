// The one adapter between Broadsheet and Eleventy: directories, the digest as global data, the
// page templates, and the production build that publishes Eleventy's output atomically.
import { rmSync } from "node:fs";
import { DateTime } from "luxon";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import article from "./layouts/article.11ty.ts";
import assets from "./layouts/assets.11ty.ts";
import day from "./layouts/day.11ty.ts";
import documents from "./layouts/documents.11ty.ts";
import feeds from "./layouts/feeds.11ty.ts";
import headers from "./layouts/headers.11ty.ts";
import { listing } from "./layouts/listing.11ty.ts";
import notFound from "./layouts/not-found.11ty.ts";
import search from "./layouts/search.11ty.ts";
import story from "./layouts/story.11ty.ts";
import terms from "./layouts/terms.11ty.ts";
import { codeVersion } from "./src/publish/code-version.ts";
import { buildDigest, type DigestMemo } from "./src/digest/digest.ts";
import { createBuildContext } from "./src/digest/build-context.ts";
import { duplicateSources } from "./src/content/duplicates.ts";
import { DigestError, formatProblems } from "./src/content/errors.ts";
import { emptyCache, type LoadCache, readMarkdownCache, writeMarkdownCache } from "./src/content/markdown-cache.ts";
import { type Content, loadContent } from "./src/content/load.ts";
import { changedPages, type KeyMemo, pageKeys, type PageKeys } from "./src/digest/page-keys.ts";
import type { Digest } from "./src/digest/view-model.ts";
import type { ImageProcessing, ImageWork } from "./src/images/image-files.ts";
import { progressReporter } from "./src/cli/progress.ts";
import { copyChanged, Publisher } from "./src/publish/publisher.ts";
import { type BudgetVerdict, checkHostBudget } from "./src/publish/host-budget.ts";
import { prefixLinks } from "./src/publish/path-prefix.ts";
import { backgroundIndexer, type PublishedIndex, publishSearchIndex } from "./src/search/pagefind.ts";
import { outputPathFor } from "./src/digest/urls.ts";

/** The parts of Eleventy's configuration API this project uses. */
interface EleventyConfig {
  directories: { input: string; output: string };
  addGlobalData(name: string, value: unknown): void;
  addTemplate(path: string, template: unknown): void;
  addWatchTarget(path: string): void;
  setChokidarConfig(options: object): void;
  benchmarks?: { config?: { setMinimumThresholdPercent(percent: number): void } };
  on(event: "eleventy.after", handler: (arg: { outputMode: string; directories: { output: string } }) => unknown): void;
  on(event: "eleventy.beforeWatch", handler: (changedFiles: string[]) => unknown): void;
}

/** The part of Eleventy's programmatic API the production build uses. */
interface EleventyModule {
  Eleventy: new (
    input: string,
    output: string,
    options: { configPath: string; quietMode: boolean },
  ) => { toJSON(): Promise<unknown> };
}
// Eleventy 3.1 ships no type declarations; EleventyModule above states what is used.
const ELEVENTY: string = "@11ty/eleventy";

export const config = {
  dir: { input: "content", output: "dist", data: "_data" },
  // Articles are read and validated by src/content/load.ts, not by Eleventy: only our templates render.
  templateFormats: ["11ty.js"],
  markdownTemplateEngine: false,
  htmlTemplateEngine: false,
};

/** One build's data: the whole digest, the part of it to render now, and every page's key. */
interface Prepared {
  content: Content;
  digest: Digest;
  render: Digest;
  keys: PageKeys;
  /** Everything besides the digest that shapes the output: the code, the preview flag, the settings. */
  version: string;
  publisher?: Publisher;
}

// A build started by `build()` hands its data to the configuration Eleventy loads. That can be a
// second instance of this module (test runners load modules their own way), so the handoff goes
// through a global slot rather than a module variable.
const HANDOFF = Symbol.for("broadsheet.prepared");
const slot = globalThis as { [HANDOFF]?: Prepared | undefined };
const here = fileURLToPath(new URL(".", import.meta.url));

/** Hash of the code that shapes pages: the layouts, src/ and the locked packages. */
function currentCodeVersion(): string {
  return codeVersion([join(here, "layouts"), join(here, "src"), join(here, "package-lock.json")]);
}

/** Loads and indexes the content; `previous` page keys leave unchanged pages out of `render`. */
async function prepare(
  contentDir: string,
  preview: boolean,
  cache: LoadCache,
  previous: ReadonlyMap<string, string>,
  dev?: { memo: DigestMemo; keyMemo: KeyMemo; unchanged: (path: string) => boolean },
  images?: ImageProcessing,
): Promise<Prepared> {
  // The one clock reading of a build: what is scheduled, and what has expired, is decided by it.
  const now = DateTime.now();
  // Every memo of this build (or dev rebuild) lives in its context, none in a module.
  const context = createBuildContext();
  const options = {
    context,
    contentDir,
    includeDrafts: preview,
    includeFuture: preview,
    now,
    cache,
    ...(images ? { images } : {}),
  };
  const content = await loadContent({ ...options, ...(dev ? { unchanged: dev.unchanged } : {}) });
  const digest = buildDigest(
    content.settings,
    content.articles,
    content.images,
    dev?.memo,
    now,
    content.cards,
    context,
  );
  // Pages depend on the code and the settings as well as on the digest.
  const version = JSON.stringify([cache.version ?? currentCodeVersion(), preview, content.settings]);
  const keys = pageKeys(digest, version, dev?.keyMemo);
  return { content, digest, keys, version, render: changedPages(digest, keys, previous) };
}

export default function (eleventyConfig: EleventyConfig) {
  const input = eleventyConfig.directories.input;
  // The dev server remembers parsed files, related lists and page keys between rebuilds, so that an
  // edit re-reads one file and re-renders only the pages that show something of it.
  const devCache = emptyCache();
  const memo: DigestMemo = {};
  const keyMemo: KeyMemo = {};
  // Files the watcher reported since the last build; until the first report, every file is looked at.
  let changed: Set<string> | undefined;
  const unchanged = (path: string) => changed !== undefined && !changed.has(path);
  eleventyConfig.on("eleventy.beforeWatch", (files: string[]) => {
    changed = new Set(files.map((file) => resolve(file)));
  });
  let devKeys: PageKeys = new Map();
  let latest: Prepared | undefined;
  let gone: string[] = [];
  eleventyConfig.addGlobalData("digest", async () => {
    latest =
      slot[HANDOFF] ??
      (await prepare(input, true, devCache, devKeys, { memo, keyMemo, unchanged }, imageProcessing(DEFAULT_CACHE)));
    if (!slot[HANDOFF]) {
      gone = [...devKeys.keys()].filter((url) => !latest?.keys.has(url));
      devKeys = latest.keys;
    }
    // Frozen, so that Eleventy hands the templates the digest itself: a page's data reaches global
    // data through proxies (its pagination's ProxyWrap), which wrap every plain object read through
    // them, and a layout reads the settings dozens of times a page. Frozen objects are passed as they are.
    return Object.freeze(latest.render);
  });
  // The dev server writes pages itself; afterwards it copies lead images and drops removed pages,
  // and reindexes search in the background when an edit changed what search finds, once edits
  // have paused for a few seconds (Pagefind takes seconds at 10,000 articles).
  const reindex = backgroundIndexer((error) => console.warn(`Search index not updated: ${String(error)}`), {
    quietMs: DEV_SEARCH_QUIET_MS,
  });
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }) => {
    if (outputMode !== "fs" || !latest) return;
    await copyChanged(latest.content.assets, directories.output);
    for (const url of gone) rmSync(join(directories.output, outputPathFor(url)), { force: true });
    if (latest.digest.settings.search) void reindex(latest.digest, directories.output, latest.version);
  });
  // Articles are not templates, so the watcher is told about them.
  eleventyConfig.addWatchTarget(`${input}/articles/`);
  // Eleventy waits until a saved file's size has been stable for 150 ms before it rebuilds; half of
  // an edit's time on a small site. Editors write a Markdown file in one go: 30 ms is enough.
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: WRITE_STABLE_MS, pollInterval: 10 } });
  // In a production build the page templates' render functions also publish every page (see
  // addPage), so their large share of Eleventy's time is expected: no warning about it.
  eleventyConfig.benchmarks?.config?.setMinimumThresholdPercent(100);
  addPage(eleventyConfig, "article.11ty.js", article);
  addPage(eleventyConfig, "home.11ty.js", listing("homePages"));
  addPage(eleventyConfig, "tag.11ty.js", listing("tagPages"));
  addPage(eleventyConfig, "source.11ty.js", listing("sourcePages"));
  addPage(eleventyConfig, "day.11ty.js", day);
  addPage(eleventyConfig, "story.11ty.js", story);
  addPage(eleventyConfig, "terms.11ty.js", terms);
  addPage(eleventyConfig, "not-found.11ty.js", notFound);
  addPage(eleventyConfig, "search.11ty.js", search);
  addPage(eleventyConfig, "assets.11ty.js", assets);
  addPage(eleventyConfig, "headers.11ty.js", headers);
  addPage(eleventyConfig, "feeds.11ty.js", feeds);
  addPage(eleventyConfig, "documents.11ty.js", documents);
}

/** An 11ty.js template: its data (pagination, permalink) and its render function. */
interface PageTemplate {
  data: object | (() => object);
  render: (data: never) => string;
}

/**
 * Adds a page template. In a production build its pages go straight from the render function into
 * the publisher and the template's content is an empty string: Eleventy keeps every page's content
 * until all pages are rendered, and runs no layout or transform over it. The dev server lets
 * Eleventy write the pages, so there the page is the content.
 */
function addPage(eleventyConfig: EleventyConfig, name: string, { data, render }: PageTemplate): void {
  eleventyConfig.addTemplate(name, {
    data,
    render(pageData: { page: { url: string | false } }) {
      const html = render(pageData as never);
      const prepared = slot[HANDOFF];
      // A page with `permalink: false` (the search page of a site without search) is not written.
      if (!prepared?.publisher || pageData.page.url === false) return html;
      const path = outputPathFor(pageData.page.url);
      // Under a path prefix (a GitHub Pages project site) every site-root link moves into the folder.
      const text = path.endsWith(".html") ? prefixLinks(html, prepared.digest.settings.pathPrefix) : html;
      prepared.publisher.add(path, text, prepared.keys.get(pageData.page.url));
      return "";
    },
  });
}

const DEFAULT_CACHE = ".cache/broadsheet";
/** The search index of a site that turned search off: none, so the previous one's files are removed. */
const NO_SEARCH: PublishedIndex = { files: 0, bytes: 0, ran: false, save: async () => undefined };
/** How long the dev server waits after the last rebuild before it reindexes search. */
const DEV_SEARCH_QUIET_MS = 3000;
/** How long a changed file's size must stay the same before the dev server rebuilds. */
const WRITE_STABLE_MS = 30;

/** Lead and body images processed into `<cacheDir>/images` and social cards into `<cacheDir>/cards`, with progress on standard error. */
function imageProcessing(cacheDir: string): ImageProcessing {
  return {
    cacheDir: join(cacheDir, "images"),
    onProgress: progressReporter("Images"),
    cards: { cacheDir: join(cacheDir, "cards"), onProgress: progressReporter("Cards") },
  };
}

/** Options of a production build. */
export interface BuildOptions {
  /** Content folder. Default `content`. */
  input?: string;
  /** Output folder, changed only when the build succeeds. Default `dist`. */
  output?: string;
  /** Keep drafts and items scheduled for later (a preview, as `--future` asks). Default false. */
  preview?: boolean;
  /** Folder for what builds remember (rendered Markdown, processed images). Default `.cache/broadsheet`. */
  cacheDir?: string;
}

/** What a finished build did, for its summary line. */
export interface BuildSummary {
  articles: number;
  /** Files in the output. */
  pages: number;
  /** Pages rendered; the others were unchanged since the last build and kept as they were. */
  rendered: number;
  /** Files written because they were new or changed; the rest were left untouched. */
  written: number;
  /** Article bodies rendered from Markdown; the rest came from the cache. */
  markdown: number;
  /** Images processed, taken from the cache, and the time that took. */
  images: ImageWork;
  /** Items dated after the build, left out: their files and times. */
  heldBack: { file: string; date: string }[];
  tags: number;
  sources: number;
  /** The search index: its files and their total size in bytes. */
  search: { files: number; bytes: number };
  /** The output against the host's limits (src/publish/host-budget.ts). */
  budget: BudgetVerdict;
  seconds: number;
}

function pageCount(d: Digest): number {
  return (
    d.articlePages.length +
    d.homePages.length +
    d.dayPages.length +
    d.tagPages.length +
    d.sourcePages.length +
    d.indexPages.length +
    d.storyPages.length +
    d.feedFiles.length
  );
}

/** A production build: validate everything, render the pages that changed, then publish. */
export async function build(options: BuildOptions = {}): Promise<BuildSummary> {
  const started = performance.now();
  const input = options.input ?? config.dir.input;
  const output = options.output ?? config.dir.output;
  const { Eleventy } = (await import(ELEVENTY)) as EleventyModule;
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE;
  const cacheFile = join(cacheDir, "markdown.cache");
  const cache = await readMarkdownCache(cacheFile, currentCodeVersion());
  const publisher = new Publisher(output);
  const previous = new Map(
    [...publisher.currentKeys()].map(([path, key]) => [`/${path.replace(/index\.html$/, "")}`, key]),
  );
  const prepared = {
    ...(await prepare(input, options.preview ?? false, cache, previous, undefined, imageProcessing(cacheDir))),
    publisher,
  };
  slot[HANDOFF] = prepared;
  let searching: ReturnType<typeof publishSearchIndex> | undefined;
  try {
    for (const warning of prepared.content.warnings) console.warn(formatProblems([warning]));
    for (const url of prepared.keys.keys())
      if (previous.get(url) === prepared.keys.get(url)) publisher.keep(outputPathFor(url));
    // Pagefind runs in its own process while Eleventy renders.
    searching = prepared.digest.settings.search
      ? publishSearchIndex(prepared.digest, publisher, join(cacheDir, "search.json"), prepared.version)
      : Promise.resolve(NO_SEARCH);
    const eleventy = new Eleventy(input, output, {
      configPath: relative(process.cwd(), join(here, ".eleventy.ts")),
      quietMode: true,
    });
    await eleventy.toJSON();
    const index = await searching;
    for (const copy of prepared.content.assets) publisher.copy(copy);
    // The host's limits, checked before the output is replaced; fails the build past one.
    const budget = checkHostBudget(prepared.digest.settings, publisher.sizes(), join(input, "_data", "site.json"));
    const published = await publisher.commit();
    await Promise.all([writeMarkdownCache(cacheFile, cache), index.save()]);
    const { digest } = prepared;
    return {
      articles: digest.articlePages.length,
      pages: published.files,
      rendered: pageCount(prepared.render),
      written: published.written,
      markdown: cache.rendered,
      images: prepared.content.imageWork,
      heldBack: prepared.content.heldBack.map((a) => ({ file: a.file, date: a.date.toISO() ?? "" })),
      tags: digest.indexPages[0]?.entries.length ?? 0,
      sources: digest.indexPages[1]?.entries.length ?? 0,
      search: { files: index.files, bytes: index.bytes },
      budget,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    // Pagefind may still be staging files: let it finish before the staging folder goes.
    await searching?.catch(() => undefined);
    await publisher.abort();
    throw error;
  } finally {
    slot[HANDOFF] = undefined;
  }
}

/** `npm run build` and `npm run check`: one summary line, or the author's problems without a stack trace. */
export async function cli(command: "build" | "check" = "build"): Promise<void> {
  try {
    if (command === "check") {
      const started = performance.now();
      const { content, digest } = await prepare(config.dir.input, false, emptyCache(), new Map());
      // Scheduled items count too: a duplicate is as likely among them.
      const warnings = [...content.warnings, ...duplicateSources([...content.articles, ...content.heldBack])];
      for (const warning of warnings) console.warn(formatProblems([warning]));
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      console.log(
        `Checked ${content.articles.length} articles (${digest.indexPages[0]?.entries.length ?? 0} tags): no errors, ${warnings.length} warnings, in ${seconds} s`,
      );
      return;
    }
    // `npm run build -- --future` previews drafts and scheduled items.
    const s = await build({ preview: process.argv.includes("--future") });
    for (const held of s.heldBack) console.log(`Held back until its time: ${held.file} (${held.date})`);
    const { processed, cached, seconds, cpuSeconds } = s.images;
    if (processed + cached > 0)
      console.log(
        `Images: ${processed} processed, ${cached} from cache, in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s)`,
      );
    const kb = Math.ceil(s.search.bytes / 1024).toLocaleString("en-US");
    const search =
      s.search.files === 0
        ? "no search index (search is off)"
        : `search index: ${kb} KB in ${s.search.files.toLocaleString("en-US")} files`;
    console.log(
      `Built ${s.articles} articles, ${s.tags} tags, ${s.sources} sources: ${s.pages} files (${s.rendered} pages rendered, ${s.written} files written) in ${s.seconds.toFixed(2)} s; ${search}`,
    );
    // The output against the host's limits, and a warning near (or, when allowed, past) one.
    for (const line of s.budget.lines) console.log(line);
    for (const problem of s.budget.problems) console.warn(`Warning: ${problem}`);
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    const outcome =
      command === "build" ? "The build stopped; the previous output was left as it was." : "The check found errors.";
    console.error(`${error.message}\n\n${outcome}`);
    process.exitCode = 1;
  }
}
