// A dev rebuild that follows a body edit: when the articles differ from the last build's only in their
// bodies, the last digest stands but for those articles' pages, the feeds that show them and the
// documents made from the build's time. Every other edit takes the whole digest pass (digest.ts).
import type { DateTime } from "luxon";
import type { Article } from "../content/article.ts";
import { siteDocuments } from "../formats/documents.ts";
import type { BuildContext } from "./build-context.ts";
import { type DigestMemo, keepByKey, type LastDigest } from "./digest-memo.ts";
import type { ArticlePage, Digest, Image } from "./view-model.ts";

/**
 * The fields a body edit changes. The article page carries the first two under the same names;
 * `bodyImages` only tells the loader which images to process, and the pictures are in `bodyHtml`.
 */
const BODY_FIELDS = new Set<string>(["bodyHtml", "bodyKey", "bodyImages"]);

/**
 * Whether two field values are equal: the same, equal instants (luxon), or lists and records of equal
 * values. Nothing is allocated: the loop over 100,000 articles' cards runs on every rebuild.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if ("toMillis" in a && "equals" in a) return (a as DateTime).equals(b as DateTime);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) if (!(key in y) || !sameValue(x[key], y[key])) return false;
  for (const key in y) if (!(key in x)) return false;
  return true;
}

/** Whether `after` differs from `before` in its body only: every other field, known or added later, is equal. */
export function bodyOnly(before: Article, after: Article): boolean {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const field of fields)
    if (!BODY_FIELDS.has(field) && !sameValue(before[field as keyof Article], after[field as keyof Article]))
      return false;
  return true;
}

/** Whether an item's listing changed between two build times: it expired meanwhile. */
function expiredBetween(a: Article, then: DateTime | undefined, now: DateTime | undefined): boolean {
  if (a.expires === undefined) return false;
  return (then !== undefined && a.expires <= then) !== (now !== undefined && a.expires <= now);
}

/**
 * The articles edited in their body only, by their place in `input`, when that is the one change
 * since `last`: the same settings, the same files in the same order, the same lead images and cards
 * (by value), no item expired meanwhile. Undefined for any other change.
 */
export function bodyEdits(
  last: LastDigest | undefined,
  settings: string,
  input: readonly Article[],
  images: ReadonlyMap<Article, Image>,
  cards: ReadonlyMap<Article, Image>,
  now: DateTime | undefined,
): Map<number, Article> | undefined {
  if (last === undefined || last.settings !== settings || input.length !== last.input.length) return undefined;
  if ((now === undefined) !== (last.now === undefined)) return undefined;
  const edits = new Map<number, Article>();
  for (let i = 0; i < input.length; i++) {
    const a = input[i] as Article;
    const before = last.input[i] as Article;
    if (expiredBetween(a, last.now, now)) return undefined;
    if (!sameValue(images.get(a), last.images.get(before)) || !sameValue(cards.get(a), last.cards.get(before)))
      return undefined;
    if (a === before) continue;
    if (!bodyOnly(before, a)) return undefined;
    edits.set(i, a);
  }
  return edits;
}

/**
 * The last digest with `edits` followed: each edited article's page made again with its new body,
 * the feeds kept but those that show it, the documents made for `now` (their sitemaps stay: no URL
 * or date moved). The memo is brought up to this build, so that the next whole pass, or the next
 * followed edit, starts from it.
 */
export function followBodyEdits(
  memo: DigestMemo,
  last: LastDigest,
  edits: ReadonlyMap<number, Article>,
  build: { input: readonly Article[]; images: ReadonlyMap<Article, Image>; cards: ReadonlyMap<Article, Image> },
  now: DateTime | undefined,
  context: BuildContext,
): Digest {
  const pageAt = (last.pageAt ??= new Map(last.sorted.map((a, i) => [a, i])));
  const articlePages = [...last.digest.articlePages];
  for (const [i, a] of edits) {
    const held = last.held[i] as Article;
    const at = pageAt.get(held) as number;
    const page: ArticlePage = { ...(articlePages[at] as ArticlePage), bodyHtml: a.bodyHtml, bodyKey: a.bodyKey };
    articlePages[at] = page;
    // The next whole pass finds the edited article's teaser, keys and page as the held one's: only its body moved.
    const teaser = memo.teasers?.get(held);
    if (teaser) memo.teasers?.set(a, teaser);
    const keys = memo.linkKeys?.get(held);
    if (keys) memo.linkKeys?.set(a, keys);
    const made = memo.pages?.get(held);
    if (made) memo.pages?.set(a, { inputs: made.inputs, value: page });
  }
  const kept = { ...memo.kept, feeds: new Map(), feedFiles: new Map() };
  const feedFiles = last.feeds((held) => articlePages[pageAt.get(held) as number] as ArticlePage, {
    feeds: keepByKey(memo.kept?.feeds, kept.feeds),
    files: keepByKey(memo.kept?.feedFiles, kept.feedFiles),
  });
  memo.kept = kept;
  const { documents: _, ...rest } = last.digest;
  const digest = { ...rest, context, articlePages, feedFiles };
  const documents = siteDocuments(digest, now?.toJSDate() ?? new Date(0), (kept.sitemaps ??= {}), true);
  const followed = { ...digest, documents };
  Object.assign(last, { input: build.input, images: build.images, cards: build.cards, now, digest: followed });
  return followed;
}
