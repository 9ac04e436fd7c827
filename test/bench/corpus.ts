// A synthetic, deterministic corpus for the benchmark: the same options always give the same bytes.
import type { z } from "zod";
import type { settingsSchema } from "../../src/content/settings.ts";
import { slugify } from "../../src/digest/slug.ts";
import { createRandom, cumulativeTable, drawIndex, type Random, zipfWeights } from "./random.ts";
import { body, headline, summary } from "./prose.ts";
import {
  accentedPlaces,
  firstNames,
  lastNames,
  mix,
  outletPatterns,
  places,
  qualifiers,
  sections,
  topics,
} from "./words.ts";

/** What to generate. */
export interface CorpusOptions {
  /** Number of article files. Default 1000. */
  articles: number;
  /** Seed of the random generator; the same seed gives the same corpus. Default 1. */
  seed: number;
  /** Number of invented outlets articles report from. Default 25. */
  sources: number;
  /** Size of the invented tag vocabulary, drawn with a Zipf-like frequency. Default 400. */
  tags: number;
  /** Start of the publication window, ISO 8601 with a zone. Default "2024-01-01T00:00:00Z". */
  start: string;
  /** Length of the publication window in days. Default 730 (two years). */
  days: number;
}

export { countWords } from "./prose.ts";

/** Defaults of the corpus generator. */
export const corpusDefaults = {
  articles: 1000,
  seed: 1,
  sources: 25,
  tags: 400,
  start: "2024-01-01T00:00:00Z",
  days: 730,
} satisfies CorpusOptions;

/** One generated file: its path relative to content/articles/ and its text. */
export interface CorpusFile {
  path: string;
  text: string;
}

const SECONDS_PER_DAY = 86_400;

/** Which optional parts a generated site has; both default on, as a site's settings do. */
export interface SiteParts {
  search?: boolean;
  socialCards?: boolean;
}

/** The site settings for a generated corpus, as they would be written in content/_data/site.json. */
export function generateSettings({
  search = true,
  socialCards = true,
}: SiteParts = {}): z.input<typeof settingsSchema> {
  return {
    title: "The Synthetic Ledger",
    description: "A generated news digest used to benchmark the build.",
    url: "https://bench.example.org",
    language: "en-GB",
    timeZone: "Europe/London",
    pageSize: 20,
    relatedCount: 5,
    socialCards,
    search,
    // The benchmark reports the host budget at every size; past it, a build warns instead of failing.
    allowOverBudget: true,
  };
}

/** `options.articles` Markdown files with valid front matter and varied bodies; deterministic for given options. */
export function generateCorpus(options: Partial<CorpusOptions> = {}): CorpusFile[] {
  const o: CorpusOptions = { ...corpusDefaults, ...options };
  const start = Date.parse(o.start);
  if (Number.isNaN(start) || !/(Z|[+-]\d\d:?\d\d)$/.test(o.start))
    throw new RangeError(`start must be an ISO 8601 date-time with a zone; got "${o.start}"`);
  if (!Number.isInteger(o.articles) || o.articles < 0)
    throw new RangeError(`articles must be a whole number, 0 or more; got ${o.articles}`);
  for (const key of ["sources", "tags"] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1)
      throw new RangeError(`${key} must be a whole number, 1 or more; got ${o[key]}`);
  }
  if (!(o.days > 0)) throw new RangeError(`days must be more than 0; got ${o.days}`);
  const r = createRandom(o.seed);
  const outlets = invent(o.sources, "sources", () => r.pick(outletPatterns).replace("#", r.pick(places)));
  const tags = invent(o.tags, "tags", () => inventTag(r));
  const zipf = cumulativeTable(zipfWeights(tags.length, mix.zipfExponent));
  const tagCounts = cumulativeTable(mix.tagCountWeights);
  const windowSeconds = Math.floor(o.days * SECONDS_PER_DAY);

  return Array.from({ length: o.articles }, (_, index) => {
    const title = headline(r);
    const slug = `${title.slugWords.join("-")}-${index + 1}`;
    const seconds = Math.ceil(start / 1000) + Math.floor(r.next() * windowSeconds);
    const date = iso(seconds);
    const outlet = r.pick(outlets);
    const wanted = Math.min(drawIndex(r, tagCounts) + 1, tags.length);
    const chosen = new Set<number>();
    while (chosen.size < wanted) chosen.add(drawIndex(r, zipf));
    const fields: [string, string | undefined][] = [
      ["title", title.text],
      ["date", date],
      ["updated", r.chance(mix.updated) ? iso(seconds + r.int(...mix.updateDelaySeconds)) : undefined],
      ["source", outlet.name],
      ["sourceUrl", `https://${outlet.slug}.example/${r.pick(sections)}/${slug}`],
      ["author", r.chance(mix.author) ? `${r.pick(firstNames)} ${r.pick(lastNames)}` : undefined],
      ["summary", r.chance(mix.summary) ? summary(r) : undefined],
    ];
    // JSON strings are valid YAML double-quoted scalars, so quotes, `&`, `#` and emoji need no other escaping.
    const yaml = fields
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
    const tagLines = [...chosen].map((i) => `  - ${JSON.stringify(tags[i]!.name)}`);
    const text = `---\n${yaml.join("\n")}\ntags:\n${tagLines.join("\n")}\n---\n\n${body(r)}\n`;
    return { path: `${date.slice(0, 4)}/${date.slice(5, 7)}/${slug}.md`, text };
  });
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `count` names from `make`, distinct by URL slug (so tags and sources never clash); throws when the word lists run out. */
function invent(count: number, what: string, make: () => string): { name: string; slug: string }[] {
  const bySlug = new Map<string, string>();
  const tried = new Set<string>();
  // Names repeat once the word lists run low; a long run of repeats means they have run out.
  for (let misses = 0; bySlug.size < count && misses < mix.inventMisses; ) {
    const name = make();
    const slug = tried.has(name) ? "" : slugify(name);
    tried.add(name);
    if (slug === "" || bySlug.has(slug)) misses++;
    else {
      bySlug.set(slug, name);
      misses = 0;
    }
  }
  if (bySlug.size < count)
    throw new RangeError(`cannot invent ${count} distinct ${what}; the word lists give ${bySlug.size}`);
  return [...bySlug].map(([slug, name]) => ({ name, slug }));
}

function inventTag(r: Random): string {
  switch (r.int(0, 4)) {
    case 0:
      return r.pick(topics);
    case 1:
      return r.chance(0.2) ? r.pick(accentedPlaces) : r.pick(places);
    case 2:
      return `${r.pick(places)} ${r.pick(topics)}`;
    default:
      return `${r.pick(qualifiers)} ${r.pick(topics)}`;
  }
}
