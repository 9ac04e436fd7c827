// The parts of Eleventy's API this project uses, and how a build hands its page sink to the configuration.
import type { Digest } from "../digest/view-model.ts";

/** The parts of Eleventy's configuration API this project uses. */
export interface EleventyConfig {
  directories: { input: string; output: string };
  addGlobalData(name: string, value: unknown): void;
  addTemplate(path: string, template: unknown): void;
  addWatchTarget(path: string): void;
  setChokidarConfig(options: object): void;
  setServerOptions(options: object): void;
  benchmarks?: { config?: { setMinimumThresholdPercent(percent: number): void } };
  on(event: "eleventy.beforeWatch", handler: (changedFiles: string[]) => unknown): void;
  on(event: "eleventy.after", handler: () => unknown): void;
}

/** Options of Eleventy's constructor used here. */
export interface EleventyOptions {
  configPath: string;
  quietMode: boolean;
  runMode?: "build" | "serve";
  dryRun?: boolean;
  /** Runs before the configuration file: where a build attaches its sink. */
  config?: (eleventyConfig: EleventyConfig) => void;
}

/** One Eleventy run. */
export interface EleventyRun {
  toJSON(): Promise<unknown>;
  init(): Promise<void>;
  watch(): Promise<void>;
  serve(port: number): Promise<void>;
  stopWatch(): Promise<void>;
  /** The file watcher (chokidar) once `watch()` resolved. */
  watcher?: {
    on(event: "unlink", listener: (path: string) => void): unknown;
    emit(event: "change", path: string): boolean;
  };
  /** Silences Eleventy's own lines: the sink reports each build. */
  disableLogger(): void;
  /** Eleventy's wrapper of its dev server (not in its documented API; see dev-server.ts). */
  eleventyServe: { init(): Promise<void>; initServerInstance(): Promise<void>; server: DevServer };
}

/** The instance of @11ty/eleventy-dev-server 2.x that Eleventy creates. */
export interface DevServer {
  _serverListen(port: number): void;
  /** Resolves once the server listens. */
  ready(): Promise<void>;
  onRequestHandler(req: unknown, res: unknown): Promise<void>;
  server: { listen(options: { port: number; host: string }): void; address(): unknown };
}

/** The part of Eleventy's programmatic API used here. */
interface EleventyModule {
  Eleventy: new (input: string, output: string, options: EleventyOptions) => EleventyRun;
}
// Eleventy 3.1 ships no type declarations; EleventyModule above states what is used.
const ELEVENTY: string = "@11ty/eleventy";

/** Loads Eleventy's constructor (only when a build runs: it takes a few hundred milliseconds). */
export async function loadEleventy(): Promise<EleventyModule["Eleventy"]> {
  return ((await import(ELEVENTY)) as EleventyModule).Eleventy;
}

/** Where the pages of one build go: the production build's and the dev server's are both one of these. */
export interface PageSink {
  /** The part of the digest to render now (Eleventy's global data `digest`). */
  digest(): Promise<Digest>;
  /** Takes one rendered page at its URL. */
  page(url: string, html: string): void;
  /** Runs after Eleventy rendered every page of a build or rebuild. */
  after(): Promise<void>;
  /** Told the files the watcher reported before a rebuild (the dev server's sink). */
  changed?(files: string[]): void;
}

// The sink travels on the configuration object Eleventy hands to both the constructor's `config`
// callback and the configuration file. A module variable would not do: test runners may load the
// configuration file as a second instance of these modules.
const SINK = Symbol.for("broadsheet.sink");
type WithSink = EleventyConfig & { [SINK]?: PageSink };

/** Attaches a build's sink to Eleventy's configuration (from the constructor's `config` callback). */
export function attachSink(eleventyConfig: EleventyConfig, sink: PageSink): void {
  (eleventyConfig as WithSink)[SINK] = sink;
}

/** The sink a build attached, if any. */
export function attachedSink(eleventyConfig: EleventyConfig): PageSink | undefined {
  return (eleventyConfig as WithSink)[SINK];
}
