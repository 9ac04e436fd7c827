// Reads the content folder once: site settings, every article file, and the images they name.
import { readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { DateTime } from "luxon";
import { articleCards, cardJob } from "../images/cards/article-cards.ts";
import { earlyCards } from "../images/cards/early-cards.ts";
import type { Article } from "./article.ts";
import { storyProblems } from "../stories/author.ts";
import { locate } from "./checks.ts";
import { duplicateUrls } from "./duplicates.ts";
import { ContentError, type Problem, SETTINGS_HELP } from "./errors.ts";
import { articleImages } from "../images/article-images.ts";
import type { ImageProcessing, ImageWork } from "../images/image-files.ts";
import type { CopiedFile } from "../publish/publisher.ts";
import type { Image } from "../digest/view-model.ts";
import { settingsHash } from "./parse-cache.ts";
import { type Listing, listMarkdown, parseSource } from "./source-files.ts";
import { cachedRenderer, emptyCache, type LoadCache } from "./markdown-cache.ts";
import { createMarkdown, markdownDefaults } from "./markdown.ts";
import { type BuildContext, createBuildContext, memoSlot } from "../digest/build-context.ts";
import { completeSettings, type Settings, settingsExpectations, settingsSchema } from "./settings.ts";
import { issuesToProblems } from "./validate.ts";

/** Where to read content from and what to keep. */
export interface LoadOptions {
  /** The content folder (holds `_data/site.json` and `articles/`). */
  contentDir: string;
  /** Paths in messages are relative to this folder. Default: the working directory. */
  root?: string;
  /** Keep items marked `draft: true`. Default false (production). */
  includeDrafts?: boolean;
  /** Work remembered from earlier builds; updated in place. Default: none. */
  cache?: LoadCache;
  /** Files known to be unchanged since the cache was filled (a watcher knows), taken without a look. */
  unchanged?: (path: string) => boolean;
  /** An earlier load's listing of the articles folder, known to stand (a watcher saw only edits). Default: listed anew. */
  listing?: Listing;
  /** Process lead and body images into responsive variants. Default: only check and measure them. */
  images?: ImageProcessing;
  /** The build's time: items dated later are held back. Default: none are. */
  now?: DateTime;
  /** Keep items dated after `now` (the dev server's preview). Default false. */
  includeFuture?: boolean;
  /** The build's memos (see build-context.ts). Default: a context of this load's own. */
  context?: BuildContext;
}

/** Everything the build needs from `content/`, validated. */
export interface Content {
  settings: Settings;
  articles: Article[];
  images: Map<Article, Image>;
  /** Each article's social card (its og:image), when cards are made. */
  cards: Map<Article, Image>;
  /** Image variants and cards to copy into the output. */
  assets: CopiedFile[];
  /** Cards still being drawn in the background (`images.cards.background`): their files, once drawn. */
  cardsDrawing?: Promise<CopiedFile[]>;
  /** What processing the images cost. */
  imageWork: ImageWork;
  warnings: Problem[];
  /** Items dated after the build's time, left out until a build at or after it. */
  heldBack: Article[];
  /** Items marked `draft: true` and left out (none when drafts are kept). */
  drafts: Article[];
  /** The articles folder as listed (or given) for this load. */
  listing: Listing;
}

const SETTINGS_FILE = join("_data", "site.json");
// One Markdown renderer per build: made once, not once per file, and never shared with another build.
const MARKDOWN = memoSlot(() => createMarkdown());

/** Files read between two turns of the event loop. */
const YIELD_EVERY = 500;

/** Reads and validates the whole content folder; throws ContentError listing every problem at once. */
export async function loadContent(options: LoadOptions): Promise<Content> {
  const root = options.root ?? process.cwd();
  const contentDir = resolve(options.contentDir);
  // A path under the root (every article, usually) by slicing: path.relative resolves both paths on each
  // call, and a rebuild asks for 100,000 of them.
  const under = `${resolve(root)}${sep}`;
  const rel = (path: string) => {
    const local = path.startsWith(under) ? path.slice(under.length) : relative(root, path);
    return sep === "/" ? local : local.split(sep).join("/");
  };
  const settingsPath = join(contentDir, SETTINGS_FILE);
  const settingsResult = await readSettings(settingsPath, rel(settingsPath));
  if ("problems" in settingsResult) throw new ContentError(settingsResult.problems, SETTINGS_HELP);
  const settings = settingsResult.settings;

  const cache = options.cache ?? emptyCache();
  const settingsKey = JSON.stringify(settings);
  if (cache.settingsKey !== settingsKey) cache.files.clear();
  cache.settingsKey = settingsKey;
  const parsesKey = settingsHash(settingsKey);
  cache.used.clear();
  cache.rendered = 0;
  cache.fresh = [];
  const renderer = cachedRenderer(
    (options.context ?? createBuildContext()).memo(MARKDOWN),
    cache,
    markdownDefaults.summaryLength,
  );
  const listed = options.listing ?? (await listMarkdown(join(contentDir, "articles"), contentDir, rel));
  const paths = listed.paths;
  const errors: Problem[] = listed.problems.filter((p) => !p.warning);
  const warnings: Problem[] = listed.problems.filter((p) => p.warning);
  const articles: Article[] = [];
  const heldBack: Article[] = [];
  const lines = new Map<string, () => ReadonlyMap<string, number>>();
  const drafts: Article[] = [];
  // A cold production build draws each generated card from the moment its article is read (early-cards.ts).
  const cards = options.images?.cards;
  const early = cards && settings.socialCards ? await earlyCards(cards) : undefined;
  const job = early ? cardJob(settings) : undefined;
  // Each file is parsed as soon as it is read: no site's whole text is held at once.
  for (const [index, path] of paths.entries()) {
    // Reading is synchronous; a turn of the event loop now and then lets an interrupt be seen at
    // once rather than after the last file (100,000 articles take over a minute to read cold).
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((next) => setImmediate(next));
    const result = parseSource(
      path,
      rel(path),
      settings,
      renderer,
      cache,
      options.unchanged ?? (() => false),
      parsesKey,
    );
    errors.push(...result.errors);
    if (result.lines) lines.set(rel(path), result.lines);
    warnings.push(...result.warnings);
    const a = result.article;
    if (a?.draft && !options.includeDrafts) drafts.push(a);
    if (!a || (a.draft && !options.includeDrafts)) continue;
    if (options.now && a.date > options.now && !options.includeFuture) heldBack.push(a);
    else {
      articles.push(a);
      // An article with a lead image may get it as its card: that is known only once the images are read.
      if (early && job && !a.image) early(job(a));
    }
  }
  errors.push(...duplicateUrls(articles));
  // Only items that name a story are checked: a copy of each of 100,000 articles was garbage a rebuild.
  const named = articles.filter((a) => typeof a.story === "string");
  const stories = storyProblems(named.map((a) => ({ ...a, time: a.date.toMillis() })));
  errors.push(...stories.errors);
  warnings.push(...stories.warnings);
  const placed = await articleImages(articles, { contentDir, root }, settings.images, errors, options.images);
  // Problems found after parsing (images, duplicate URLs) get their field's line too.
  const unplaced = new Map<string, Problem[]>();
  for (const e of errors)
    if (e.line === undefined && e.field !== undefined) unplaced.set(e.file, [...(unplaced.get(e.file) ?? []), e]);
  for (const [file, list] of unplaced) {
    const fieldLines = lines.get(file);
    if (fieldLines) locate(list, fieldLines());
  }
  // Stable sort: problems grouped by file, each file's in the order they were found.
  if (errors.length > 0)
    throw new ContentError(errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));
  const made = cards
    ? await articleCards(placed.articles, settings, placed.sources, cards)
    : { cards: new Map<Article, Image>(), assets: [], drawing: undefined };
  return {
    settings,
    articles: placed.articles,
    images: placed.images,
    cards: made.cards,
    assets: [...placed.assets, ...made.assets],
    ...(made.drawing ? { cardsDrawing: made.drawing } : {}),
    imageWork: placed.work,
    warnings,
    heldBack,
    drafts,
    listing: listed,
  };
}

/** Reads and validates the settings file at `path` (`file` names it in messages); a missing file is a problem too. */
export async function readSettings(
  path: string,
  file: string,
): Promise<{ settings: Settings } | { problems: Problem[]; missing: boolean }> {
  let data: unknown;
  try {
    data = JSON.parse((await readFile(path, "utf8")).replace(/^\uFEFF/, ""));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const reason = missing ? "does not exist" : `is not valid JSON: ${(error as Error).message}`;
    return { problems: [{ file, message: `${reason}; expected the site settings as a JSON object` }], missing };
  }
  const record = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const result = settingsSchema.safeParse(data);
  if (!result.success)
    return { problems: issuesToProblems(file, result.error.issues, record, settingsExpectations), missing: false };
  return { settings: completeSettings(result.data) };
}
