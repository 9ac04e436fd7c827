// Eleventy's configuration, and nothing else: directories, the digest as global data, the page
// templates. The build that runs it (src/build/production.ts, src/build/dev-server.ts) attaches the
// sink every page goes to.
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
import { DigestError } from "./src/content/errors.ts";
import { devServerOptions } from "./src/build/server-options.ts";
import { attachedSink, type EleventyConfig } from "./src/build/eleventy-api.ts";
import { addPage } from "./src/build/pages.ts";

// Kept for code that imported the production build from here before it had a module of its own.
export { build, type BuildOptions, type BuildSummary } from "./src/build/production.ts";

/** How long a changed file's size must stay the same before the dev server rebuilds. */
const WRITE_STABLE_MS = 30;

export const config = {
  // No `dir`: the build passes its folders to Eleventy's constructor, and a `dir` here would override them.
  // Articles are read and validated by src/content/load.ts, not by Eleventy: only our templates render.
  templateFormats: ["11ty.js"],
  markdownTemplateEngine: false,
  htmlTemplateEngine: false,
};

export default function (eleventyConfig: EleventyConfig) {
  const sink = attachedSink(eleventyConfig);
  // Pages go nowhere without a sink: Eleventy's own command line is not how this site is built.
  if (!sink) throw new DigestError("Build the site with `npm run build` or `npm start`, not with Eleventy's command.");
  // The digest: computed once per build (or rebuild) by the sink, read by every template.
  eleventyConfig.addGlobalData("digest", () => sink.digest());
  // The sink publishes once every page has been rendered.
  eleventyConfig.on("eleventy.after", () => sink.after());
  // The dev server's watcher tells the sink which files changed, so it re-reads only those.
  eleventyConfig.on("eleventy.beforeWatch", (files) => sink.changed?.(files));
  // Eleventy waits until a saved file's size has been stable for 150 ms before it rebuilds; half of
  // an edit's time on a small site. Editors write a Markdown file in one go: 30 ms is enough.
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: WRITE_STABLE_MS, pollInterval: 10 } });
  // Quiet, and refusing hostile paths (see src/build/server-options.ts).
  eleventyConfig.setServerOptions(devServerOptions);
  // The page templates' render functions also publish every page, so their large share of
  // Eleventy's time is expected: no warning about it.
  eleventyConfig.benchmarks?.config?.setMinimumThresholdPercent(100);
  addPage(eleventyConfig, sink, "article.11ty.js", article);
  addPage(eleventyConfig, sink, "home.11ty.js", listing("homePages"));
  addPage(eleventyConfig, sink, "tag.11ty.js", listing("tagPages"));
  addPage(eleventyConfig, sink, "source.11ty.js", listing("sourcePages"));
  addPage(eleventyConfig, sink, "day.11ty.js", day);
  addPage(eleventyConfig, sink, "story.11ty.js", story);
  addPage(eleventyConfig, sink, "terms.11ty.js", terms);
  addPage(eleventyConfig, sink, "not-found.11ty.js", notFound);
  addPage(eleventyConfig, sink, "search.11ty.js", search);
  addPage(eleventyConfig, sink, "assets.11ty.js", assets);
  addPage(eleventyConfig, sink, "headers.11ty.js", headers);
  addPage(eleventyConfig, sink, "feeds.11ty.js", feeds);
  addPage(eleventyConfig, sink, "documents.11ty.js", documents);
}
