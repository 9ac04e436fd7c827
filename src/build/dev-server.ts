// `npm start`: Eleventy's dev server over a folder the dev sink publishes into, rebuilt on each edit.
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { searchIndexUrl } from "../digest/urls.ts";
import { watchArticles } from "./article-watcher.ts";
import { type DevSinkOptions, devSink, searchRoot } from "./dev-sink.ts";
import { attachSink, loadEleventy } from "./eleventy-api.ts";
import { DEFAULT_CACHE } from "./prepare.ts";
import { serveFolder } from "./search-files.ts";
import { devServerOptions, listenOn } from "./server-options.ts";

// Where the dev server's search index is: imported from here by what serves and tests it.
export { searchRoot } from "./dev-sink.ts";

const CONFIG = fileURLToPath(new URL("../../.eleventy.ts", import.meta.url));

/** Options of the dev server. */
export interface DevServerOptions extends DevSinkOptions {
  /** Interface to listen on. Default `localhost`: drafts stay on this computer. */
  host: string;
  /** First port tried (the next ten are tried when it is taken). Default 8080. */
  port: number;
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
  // Eleventy 3.1 does not rebuild when a file it watches is deleted (the settings, a template).
  eleventy.watcher?.on("unlink", (path) => eleventy.watcher?.emit("change", path));
  // The articles are watched apart (see article-watcher.ts); each report goes Eleventy's way, deletions too.
  const articles = await watchArticles(join(o.input, "articles"), (path) => eleventy.watcher?.emit("change", path), {
    onError: (error) => o.log(`The watcher of ${join(o.input, "articles")} failed: ${error.message}`),
  });
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
    close: async () => {
      await articles.close();
      await eleventy.stopWatch();
    },
  };
}
