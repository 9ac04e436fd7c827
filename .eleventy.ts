// The one adapter between Broadsheet and Eleventy: directories, the digest as global data, the
// page templates, and the production build that publishes Eleventy's output atomically.
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import article from "./layouts/article.11ty.ts";
import assets from "./layouts/assets.11ty.ts";
import day from "./layouts/day.11ty.ts";
import { listing } from "./layouts/listing.11ty.ts";
import notFound from "./layouts/not-found.11ty.ts";
import terms from "./layouts/terms.11ty.ts";
import { buildDigest } from "./src/digest.ts";
import { DigestError, formatProblems } from "./src/errors.ts";
import { loadContent, type Content } from "./src/load.ts";
import { emptyCache, type LoadCache, readMarkdownCache, writeMarkdownCache } from "./src/load-cache.ts";
import type { Digest } from "./src/pages.ts";
import { copyChanged, Publisher } from "./src/publish.ts";
import { outputPathFor } from "./src/urls.ts";

/** The parts of Eleventy's configuration API this project uses. */
interface EleventyConfig {
  directories: { input: string; output: string };
  addGlobalData(name: string, value: unknown): void;
  addTemplate(path: string, template: unknown): void;
  addTransform(name: string, transform: (this: { page: { url: string } }, content: string) => string): void;
  addWatchTarget(path: string): void;
  on(event: string, handler: (arg: { outputMode: string; directories: { output: string } }) => unknown): void;
}

/** The part of Eleventy's programmatic API the production build uses. */
interface EleventyModule {
  Eleventy: new (input: string, output: string, options: { configPath: string; quietMode: boolean }) => {
    toJSON(): Promise<{ url: string; content: string }[]>;
  };
}
// Eleventy 3.1 ships no type declarations; EleventyModule above states what is used.
const ELEVENTY: string = "@11ty/eleventy";

export const config = {
  dir: { input: "content", output: "dist", data: "_data" },
  // Articles are read and validated by src/load.ts, not by Eleventy: only our templates render.
  templateFormats: ["11ty.js"],
  markdownTemplateEngine: false,
  htmlTemplateEngine: false,
};

type Prepared = { content: Content; digest: Digest; publisher?: Publisher };
// A build started by `build()` hands its digest to the configuration Eleventy loads. That can be a
// second instance of this module (test runners load modules their own way), so the handoff goes
// through a global slot rather than a module variable. The dev server loads its own digest.
const HANDOFF = Symbol.for("broadsheet.prepared");
const slot = globalThis as { [HANDOFF]?: Prepared | undefined };

/** Content and digest for a content folder; drafts are kept outside production builds. */
async function prepare(contentDir: string, includeDrafts: boolean, cache?: LoadCache) {
  const content = await loadContent({ contentDir, includeDrafts, ...(cache ? { cache } : {}) });
  return { content, digest: buildDigest(content.settings, content.articles, content.images) };
}

export default function (eleventyConfig: EleventyConfig) {
  const input = eleventyConfig.directories.input;
  let latest: Prepared | undefined;
  // The dev server remembers parsed files between rebuilds: an edit re-reads one file, not all.
  const devCache = emptyCache();
  // Every page reads the same digest, built once per build from the validated articles.
  eleventyConfig.addGlobalData("digest", async () => {
    latest = slot[HANDOFF] ?? (await prepare(input, true, devCache));
    return latest.digest;
  });
  // The dev server writes pages itself; the lead images are copied after each of its builds.
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }) => {
    if (outputMode === "fs" && latest) await copyChanged(latest.content.assets, directories.output);
  });
  // Articles are not templates, so the watcher is told about them.
  eleventyConfig.addWatchTarget(`${input}/articles/`);
  // A production build takes each page as it is rendered, so Eleventy keeps no copy of 10,000 pages.
  eleventyConfig.addTransform("broadsheet-publish", function (this: { page: { url: string } }, content: string) {
    const publisher = slot[HANDOFF]?.publisher;
    if (!publisher) return content;
    publisher.add(outputPathFor(this.page.url), content);
    return "";
  });
  eleventyConfig.addTemplate("article.11ty.js", article);
  eleventyConfig.addTemplate("home.11ty.js", listing("homePages"));
  eleventyConfig.addTemplate("tag.11ty.js", listing("tagPages"));
  eleventyConfig.addTemplate("source.11ty.js", listing("sourcePages"));
  eleventyConfig.addTemplate("day.11ty.js", day);
  eleventyConfig.addTemplate("terms.11ty.js", terms);
  eleventyConfig.addTemplate("not-found.11ty.js", notFound);
  eleventyConfig.addTemplate("assets.11ty.js", assets);
}

/** Options of a production build. */
export interface BuildOptions {
  /** Content folder. Default `content`. */
  input?: string;
  /** Output folder, replaced whole only when the build succeeds. Default `dist`. */
  output?: string;
  /** Keep drafts. Default false. */
  includeDrafts?: boolean;
  /** Folder for what builds remember (rendered Markdown). Default `.cache/broadsheet`. */
  cacheDir?: string;
}

/** What a finished build did, for its summary line. */
export interface BuildSummary {
  articles: number;
  /** Files in the output. */
  pages: number;
  /** Files written because they were new or changed; the rest were left untouched. */
  written: number;
  /** Article bodies rendered from Markdown; the rest came from the cache. */
  rendered: number;
  tags: number;
  sources: number;
  seconds: number;
}

/** A production build: validate everything, render every page, then publish the output at once. */
export async function build(options: BuildOptions = {}): Promise<BuildSummary> {
  const started = performance.now();
  const input = options.input ?? config.dir.input;
  const output = options.output ?? config.dir.output;
  const { Eleventy } = (await import(ELEVENTY)) as EleventyModule;
  const cacheFile = join(options.cacheDir ?? ".cache/broadsheet", "markdown.bin");
  const cache = await readMarkdownCache(cacheFile);
  const prepared = { ...(await prepare(input, options.includeDrafts ?? false, cache)), publisher: new Publisher(output) };
  slot[HANDOFF] = prepared;
  try {
    for (const warning of prepared.content.warnings) console.warn(formatProblems([warning]));
    const eleventy = new Eleventy(input, output, { configPath: relative(process.cwd(), fileURLToPath(import.meta.url)), quietMode: true });
    await eleventy.toJSON();
    for (const copy of prepared.content.assets) prepared.publisher.copy(copy);
    const published = prepared.publisher.commit();
    await writeMarkdownCache(cacheFile, cache);
    const { digest } = prepared;
    return {
      articles: digest.articlePages.length,
      pages: published.files,
      written: published.written,
      rendered: cache.rendered,
      tags: digest.indexPages[0]?.entries.length ?? 0,
      sources: digest.indexPages[1]?.entries.length ?? 0,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    prepared.publisher.abort();
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
      const { content, digest } = await prepare(config.dir.input, false);
      for (const warning of content.warnings) console.warn(formatProblems([warning]));
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      console.log(`Checked ${content.articles.length} articles (${digest.indexPages[0]?.entries.length ?? 0} tags): no errors, ${content.warnings.length} warnings, in ${seconds} s`);
      return;
    }
    const s = await build();
    console.log(`Built ${s.articles} articles into ${s.pages} files, ${s.written} written (${s.tags} tags, ${s.sources} sources) in ${s.seconds.toFixed(2)} s`);
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    const outcome = command === "build" ? "The build stopped; the previous output was left as it was." : "The check found errors.";
    console.error(`${error.message}\n\n${outcome}`);
    process.exitCode = 1;
  }
}
