// `npm run check`: everything the build validates, without rendering or writing anything.
import { DateTime } from "luxon";
import { duplicateSources } from "../content/duplicates.ts";
import type { Problem } from "../content/errors.ts";
import { emptyCache } from "../content/markdown-cache.ts";
import { prepare } from "./prepare.ts";

/** What a check found: the articles and tags it read, its warnings, how long it took. */
export interface CheckResult {
  articles: number;
  tags: number;
  warnings: Problem[];
  seconds: number;
}

/** Loads and indexes `contentDir` as a build would; throws the build's DigestError on an author's mistake. */
export async function check(contentDir: string): Promise<CheckResult> {
  const started = performance.now();
  const { content, digest } = await prepare({
    contentDir,
    preview: false,
    cache: emptyCache(),
    now: DateTime.now(),
    previous: new Map(),
  });
  // Scheduled items count too: a duplicate is as likely among them.
  const warnings = [...content.warnings, ...duplicateSources([...content.articles, ...content.heldBack])];
  return {
    articles: content.articles.length,
    tags: digest.indexPages[0]?.entries.length ?? 0,
    warnings,
    seconds: (performance.now() - started) / 1000,
  };
}
