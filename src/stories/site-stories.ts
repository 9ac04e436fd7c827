// The site's stories from its articles, and what the digest makes of them: listings that show a
// story once, "Also covered by" links, story pages. Detection runs once per build (or is reused).
import type { Article } from "../content/article.ts";
import type { Coverage, Link, StoryPage, Teaser } from "../digest/view-model.ts";
import { feedFolder, storyUrl } from "../digest/urls.ts";
import { itemTerms, type StoryText, type TermCounts } from "./features.ts";
import type { DetectOptions, StoryItem } from "./detect.ts";
import { sameItems, storyFingerprint, storyItem } from "./story-items.ts";
import { type Detection, detectStories } from "./stories.ts";

/** One story of the site: two or more articles reporting one event. */
export interface SiteStory {
  id: string;
  url: string;
  lead: Article;
  /** Oldest first. */
  members: Article[];
}

/** Every story of the site, and each article's. */
export interface SiteStories {
  list: SiteStory[];
  of: ReadonlyMap<Article, SiteStory>;
}

/**
 * What detection remembers between the dev server's builds: each article's item and each text's
 * terms (by object: an unchanged file keeps its parsed article), and the last result with its
 * inputs. An edit that changes no item's text, time, source or story fields (a tags edit, most body
 * edits past the first paragraph) reuses the result whole; any other runs detection again over every
 * item, without reading the unchanged texts again. Detection cannot stay within the edited item's
 * days: its weights depend on how many items of the whole site carry each term. A production build
 * has no earlier items, only their fingerprint (src/digest/digest-cache.ts): equal inputs, same stories.
 */
export interface StoryMemo {
  options?: string;
  items?: readonly StoryItem[];
  /** storyFingerprint() of the items the detection was made from, when they are not kept themselves. */
  fingerprint?: string;
  detection?: Pick<Detection, "stories">;
  itemOf?: WeakMap<Article, StoryItem>;
  termsOf?: WeakMap<StoryText, TermCounts>;
}

/** The stories among `articles`; the same articles give the same stories in any order. */
export function siteStories(
  articles: readonly Article[],
  memo: StoryMemo = {},
  options: Partial<DetectOptions> = {},
): SiteStories {
  const itemOf = (memo.itemOf ??= new WeakMap());
  const termsOf = (memo.termsOf ??= new WeakMap());
  const items = articles.map((a) => {
    const known = itemOf.get(a);
    if (known) return known;
    const made = storyItem(a);
    itemOf.set(a, made);
    return made;
  });
  const key = JSON.stringify(options);
  let detection = memo.options === key ? memo.detection : undefined;
  let fingerprint: string | undefined;
  if (memo.items) detection = sameItems(memo.items, items) ? detection : undefined;
  else if (detection && memo.fingerprint !== undefined) {
    fingerprint = storyFingerprint(items);
    if (fingerprint !== memo.fingerprint) detection = undefined;
  } else detection = undefined;
  if (!detection) {
    const terms = (text: StoryText) => {
      const known = termsOf.get(text);
      if (known) return known;
      const counts = itemTerms(text);
      termsOf.set(text, counts);
      return counts;
    };
    detection = detectStories(items, options, terms);
  }
  Object.assign(memo, { options: key, items, detection, fingerprint });
  const list: SiteStory[] = [];
  for (const s of detection.stories) {
    const lead = articles[s.lead];
    if (lead === undefined) continue;
    const members = s.members.map((i) => articles[i]).filter((a) => a !== undefined);
    list.push({ id: s.id, url: storyUrl(s.id), lead, members });
  }
  const of = new Map(list.flatMap((s) => s.members.map((a) => [a, s] as const)));
  return { list, of };
}

/** `list` with each story once: its lead when the list holds it, else its first item in the list. */
export function showOnce(list: readonly Article[], stories: SiteStories): Article[] {
  const leadsHere = new Set<SiteStory>();
  for (const a of list) {
    const s = stories.of.get(a);
    if (s?.lead === a) leadsHere.add(s);
  }
  const shown = new Set<SiteStory>();
  return list.filter((a) => {
    const s = stories.of.get(a);
    if (!s) return true;
    if (leadsHere.has(s)) return s.lead === a;
    if (shown.has(s)) return false;
    shown.add(s);
    return true;
  });
}

/** `list` (grouped by day, as the digest sorts it) with each story once per day. */
export function showOncePerDay(list: readonly Article[], stories: SiteStories): Article[] {
  const out: Article[] = [];
  for (let start = 0; start < list.length; ) {
    let end = start;
    while (end < list.length && list[end]?.day === list[start]?.day) end++;
    out.push(...showOnce(list.slice(start, end), stories));
    start = end;
  }
  return out;
}

/** Options of "Also covered by". */
export interface CoverageOptions {
  /** Outlets named before the rest is a count. Default 3. */
  named: number;
}

/** Defaults of "Also covered by". */
export const coverageDefaults = { named: 3 } satisfies CoverageOptions;

/** The other outlets' reports of an article's story, each outlet once (its first report). */
export function coverageOf(
  a: Article,
  stories: SiteStories,
  sourceLabel: (source: string) => string,
  options: CoverageOptions = coverageDefaults,
): Coverage | undefined {
  const s = stories.of.get(a);
  if (!s) return undefined;
  const seen = new Set<string>(a.source === undefined ? [] : [sourceLabel(a.source)]);
  const others: Link[] = [];
  for (const m of s.members) {
    if (m === a) continue;
    const label = m.source === undefined ? m.title : sourceLabel(m.source);
    if (seen.has(label)) continue;
    seen.add(label);
    others.push({ url: m.url, label });
  }
  const named = others.slice(0, options.named);
  return { story: { url: s.url, label: s.lead.title }, others: named, more: s.members.length - 1 - named.length };
}

/** A story's page: every report newest first. */
export function storyPage(s: SiteStory, teaser: (a: Article) => Teaser): StoryPage {
  return {
    url: s.url,
    heading: s.lead.title,
    lead: teaser(s.lead),
    items: [...s.members].reverse().map(teaser),
    feedPath: feedFolder(s.url),
  };
}
