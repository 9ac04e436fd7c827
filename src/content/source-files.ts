// The article files of a content folder: finding them (symbolic links followed only inside it), and
// reading one through the build's caches (the watcher's word, the file's stat, the saved parse).
import { readFileSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { isInside, realOrNull } from "../images/image-files.ts";
import { statText } from "../publish/cache-file.ts";
import type { ParsedArticle } from "./article.ts";
import { type BodyRenderer, parseArticle } from "./parse-article.ts";
import type { Problem } from "./errors.ts";
import { decodeText, splitFrontMatter } from "./front-matter.ts";
import type { LoadCache } from "./markdown-cache.ts";
import { keepParse, keyByStat, parseKey, takeParse } from "./parse-cache.ts";
import type { Settings } from "./settings.ts";

/**
 * Whether a file named `name` is an article: a `.md` file, but not an editor's lock file (`.#name.md`,
 * which Emacs makes beside a file it edits: a symbolic link to nothing, gone when the editor closes it).
 */
export function isArticleName(name: string): boolean {
  return name.toLowerCase().endsWith(".md") && !name.startsWith(".#");
}

/** The article files of the articles folder, and what its symbolic links are (listMarkdown). */
export interface Listing {
  paths: string[];
  problems: Problem[];
}

/**
 * Every article file (isArticleName) under `dir`, sorted so that builds are deterministic. A symbolic link is followed
 * when it leads to a file inside `contentDir` (read as an article of its own, with a warning); one that
 * leads outside, or to a folder, is a problem: nothing is skipped without a word.
 */
export async function listMarkdown(dir: string, contentDir: string, rel: (path: string) => string): Promise<Listing> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const paths: string[] = [];
  const problems: Problem[] = [];
  const realContent = realOrNull(contentDir) ?? contentDir;
  for (const e of entries) {
    const path = join(e.parentPath, e.name);
    if (e.isFile()) {
      if (isArticleName(e.name)) paths.push(path);
      continue;
    }
    if (!e.isSymbolicLink() || e.name.startsWith(".#")) continue;
    const real = realOrNull(path);
    const isFile = real !== null && statSync(real).isFile();
    if (isFile && !isArticleName(e.name)) continue;
    const file = rel(path);
    if (real === null)
      problems.push({ file, message: "is a symbolic link to nothing (its target is missing); remove it" });
    else if (!isInside(realContent, real))
      problems.push({
        file,
        message: `is a symbolic link to ${rel(real)}, outside the content folder, and is not read; move the file into content/`,
      });
    else if (!isFile)
      problems.push({
        file,
        message: "is a symbolic link to a folder, which is not read; move its articles into content/articles/",
      });
    else {
      paths.push(path);
      problems.push({
        file,
        warning: true,
        message: `is a symbolic link to ${rel(real)}; it is read as an article of its own`,
      });
    }
  }
  return { paths: paths.sort(), problems };
}

/**
 * Parses one file, or takes its parse from the cache when the watcher reported no change to it, or
 * when its size and modification time are the ones the cache has (bodies come from the Markdown
 * cache). Read synchronously: a site's files are small and usually in the page cache, where a
 * synchronous read costs a fraction of the promise-based open, stat, read and close.
 */
export function parseSource(
  path: string,
  file: string,
  settings: Settings,
  renderer: BodyRenderer,
  cache: LoadCache,
  unchanged: (path: string) => boolean,
  settingsKey: string,
): ParsedArticle {
  const known = cache.files.get(path);
  if (known && unchanged(path)) return known.parsed;
  const stats = statSync(path);
  const { size, mtimeMs } = stats;
  if (known && known.size === size && known.mtimeMs === mtimeMs) return known.parsed;
  // A production build's saved parse, when the file's stat, or else its bytes, and the settings are the
  // ones it was made from.
  const parses = cache.parses;
  const stat = statText(stats);
  const take = (key: string | undefined) =>
    key && parses ? takeParse(parses, key, cache.markdown, () => linesOf(path), stat) : undefined;
  let saved = take(parses && keyByStat(parses, settingsKey, file, stat));
  const bytes = saved ? undefined : readFileSync(path);
  const key = bytes && parses ? parseKey(settingsKey, file, bytes) : undefined;
  saved ??= take(key);
  if (saved?.article?.bodyKey) cache.used.add(saved.article.bodyKey);
  const text = saved || !bytes ? "" : decodeText(bytes);
  const parsed: ParsedArticle =
    saved ??
    (text === null
      ? { errors: [{ file, message: "is not valid UTF-8 text; save it as UTF-8" }], warnings: [] }
      : parseArticle(file, text, settings, renderer));
  if (key && parses && !saved) keepParse(parses, key, parsed, settingsKey, stat);
  cache.files.set(path, { size, mtimeMs, parsed });
  return parsed;
}

/** The front matter's field lines of the file at `path`, read again: wanted only when a build fails. */
function linesOf(path: string): ReadonlyMap<string, number> {
  const text = decodeText(readFileSync(path));
  const split = text === null ? undefined : splitFrontMatter(text);
  return split?.ok ? split.lines() : new Map();
}
