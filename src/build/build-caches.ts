// What a production build remembers between builds in its cache folder (docs/rebuilds.md): rendered
// Markdown and parsed articles, so that a rebuild reads again only the files that changed, and the
// stories and related lists, so that it detects and scores again only what an edit reaches. Read
// before the build; written after the output is switched.
import { join } from "node:path";
import { type LoadCache, readMarkdownCache, writeMarkdownCache } from "../content/markdown-cache.ts";
import { readParseCache, writeParseCache } from "../content/parse-cache.ts";
import { readDigestCache, writeDigestCache } from "../digest/digest-cache.ts";
import type { DigestMemo } from "../digest/digest-memo.ts";

/** The caches a production build reads, and how to save them for the next one. */
export interface BuildCaches {
  /** Rendered Markdown, and the parsed articles (its `parses`). */
  content: LoadCache;
  /** The digest's stories and related lists, filled in place by the build. */
  digest: DigestMemo;
  /** Writes what the build changed in them. */
  save(): Promise<void>;
}

/** Reads the caches in `cacheDir` that code `version` made; another version's are empty. */
export async function readBuildCaches(cacheDir: string, version: string): Promise<BuildCaches> {
  const markdownFile = join(cacheDir, "markdown.cache");
  const parseFile = join(cacheDir, "parse.cache");
  const digestFile = join(cacheDir, "digest.cache");
  const content = await readMarkdownCache(markdownFile, version);
  content.parses = await readParseCache(parseFile, version);
  const digest = await readDigestCache(digestFile, version);
  return {
    content,
    digest,
    save: async () => {
      await Promise.all([
        writeMarkdownCache(markdownFile, content),
        content.parses ? writeParseCache(parseFile, content.parses) : undefined,
        writeDigestCache(digestFile, version, digest),
      ]);
    },
  };
}
