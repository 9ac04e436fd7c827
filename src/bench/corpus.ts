// A synthetic, deterministic corpus for the benchmark: the same options always give the same bytes.
import type { z } from "zod";
import type { settingsSchema } from "../settings.ts";
import { slugify } from "../slug.ts";
import { createRandom, cumulativeTable, drawIndex, type Random, zipfWeights } from "./random.ts";

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

/** Defaults of the corpus generator. */
export const corpusDefaults = { articles: 1000, seed: 1, sources: 25, tags: 400, start: "2024-01-01T00:00:00Z", days: 730 } satisfies CorpusOptions;

/** One generated file: its path relative to content/articles/ and its text. */
export interface CorpusFile {
  path: string;
  text: string;
}

/** How the corpus looks: shares of optional features and size ranges, the same for any corpus size. */
const mix = {
  author: 0.8, summary: 0.7, updated: 0.1, titleQuotes: 0.1, titleAmpersand: 0.1, titleAccent: 0.1, titleEmoji: 0.1,
  subheads: 0.5, extraSubhead: 0.35, quote: 0.45, list: 0.4, links: 0.5, extraLink: 0.3,
  tagCountWeights: [15, 25, 25, 17, 10, 8], zipfExponent: 1, titleWords: [5, 14], slugWords: 6,
  bodyWords: [300, 1200], paragraphWords: [40, 120], sentenceWords: [8, 20], maxSentenceWords: 24, compound: 0.4, compoundFrom: 12,
  summaryWords: [12, 30], quoteWords: [8, 20], listItems: [3, 5], listItemWords: [4, 9], subheadWords: [2, 5],
  updateDelaySeconds: [600, 48 * 3600], inventMisses: 10_000,
} as const;

const SECONDS_PER_DAY = 86_400;
const list = (text: string) => text.trim().split(/\s+/);
const places = list(`Harwick Northbridge Ashcombe Fenwick Stanbury Caldmoor Ellerby Greyhaven Brackenhurst Oxley Wendmere
  Copperfield Saltmarsh Redhollow Linwood Aldergate Pennock Dunmore Whitcombe Eastwold Ravensby Millbrook Hallowell
  Tarnside Westerleigh Brightwater Farrowdale Glenholm Kingsferry Larkmoor Nethercott Quarrington`);
const accentedPlaces = list("Bélcourt Müllheim Sãorosa Ørnevik Lévignac Grünholm Søndervik Vilaçã");
const outletPatterns = ["The # Examiner", "# Courier", "The # Gazette", "# Evening Post", "# Herald", "The # Ledger", "# Wire", "# Chronicle",
  "Radio #", "# Observer", "The # Mercury", "# Standard", "# Journal", "# Daily", "The # Sentinel", "# Bulletin"];
const topics = list(`Housing Rail Energy Health Education Flooding Farming Fisheries Tourism Policing Courts Weather Elections
  Budget Transport Buses Ferries Airports Schools Universities Hospitals Science Technology Business Jobs Wages Prices
  Retail Arts Music Theatre Football Cricket Rugby Sailing Heritage Planning Environment Wildlife Rivers Coast Water
  Broadband Roads Cycling Libraries Museums Festivals Charities Immigration Defence Trade Markets Banking Pensions Taxes
  Climate Storms Drought Parks`);
const qualifiers = list("Local Regional Coastal Rural Urban Public Private Youth Community Emergency Historic Green Digital Northern Southern Cross-border");
const nouns = list(`council harbour bridge hospital school budget railway report plan strike market festival library museum
  inquiry ferry tram airport reservoir stadium committee union court clinic station pier factory orchard tunnel canal
  bypass lifeboat observatory theatre archive survey forecast tariff pension harvest election ballot contract scheme levy
  road depot quarry marina laboratory cooperative bakery brewery charity trust board regulator landlord fleet`);
const adjectives = list(`new delayed local regional coastal rural historic controversial ambitious temporary annual independent
  public revised fragile crowded overdue modest record unexpected quiet northern southern disputed costly popular ageing
  long-awaited smaller larger joint seasonal`);
const verbs = list(`approve reject delay review extend question announce postpone debate expand consider defend criticise
  welcome confirm reverse fund restore replace suspend challenge investigate unveil support oppose block revise back
  demand request praise target reopen inspect monitor`);
const adverbs = list("again yesterday overnight locally today nearby instead regardless already meanwhile");
const prepositions = list("in near across beyond around after despite before during outside");
const weekdays = list("Monday Tuesday Wednesday Thursday Friday Saturday Sunday");
const firstNames = list("Priya Daniel Amira Tomasz Eleanor Kwame Siobhan Rafael Mei Oliver Zoë Søren Inés Jürgen Hannah Farid Lucía Callum Aoife Matteo");
const lastNames = list("Nandakumar Okafor Lindqvist Brennan Achterberg Mensah Castillo Whitfield Haddad Novak Müller Ferreira Gallagher Osei Petrov Sato");
const emoji = ["🚆", "🌧️", "📈", "⚓", "🏥", "🗳️", "🌊", "⚽"];
const conjunctions = list("while and but as although after");
const sections = list("news local politics business transport environment sport culture");

// Every stem is regular, so "approves" and "approved" are made once here, not per sentence.
const present = verbs.map((stem) => `${stem}s`);
const past = verbs.map((stem) => (stem.endsWith("e") ? `${stem}d` : `${stem}ed`));
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** Words that carry a letter or digit; Markdown markers such as `##`, `>` and `-` do not count. */
export const countWords = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** The site settings for a generated corpus, as they would be written in content/_data/site.json. */
export function generateSettings(): z.input<typeof settingsSchema> {
  return {
    title: "The Synthetic Ledger",
    description: "A generated news digest used to benchmark the build.",
    url: "https://bench.example.org",
    language: "en-GB",
    timeZone: "Europe/London",
    pageSize: 20,
    relatedCount: 5,
  };
}

/** `options.articles` Markdown files with valid front matter and varied bodies; deterministic for given options. */
export function generateCorpus(options: Partial<CorpusOptions> = {}): CorpusFile[] {
  const o: CorpusOptions = { ...corpusDefaults, ...options };
  const start = Date.parse(o.start);
  if (Number.isNaN(start) || !/(Z|[+-]\d\d:?\d\d)$/.test(o.start)) throw new RangeError(`start must be an ISO 8601 date-time with a zone; got "${o.start}"`);
  if (!Number.isInteger(o.articles) || o.articles < 0) throw new RangeError(`articles must be a whole number, 0 or more; got ${o.articles}`);
  for (const key of ["sources", "tags"] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`${key} must be a whole number, 1 or more; got ${o[key]}`);
  }
  if (!(o.days > 0)) throw new RangeError(`days must be more than 0; got ${o.days}`);
  const r = createRandom(o.seed);
  const outlets = invent(r, o.sources, "sources", () => r.pick(outletPatterns).replace("#", r.pick(places)));
  const tags = invent(r, o.tags, "tags", () => inventTag(r));
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
    const yaml = fields.filter(([, value]) => value !== undefined).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
    const tagLines = [...chosen].map((i) => `  - ${JSON.stringify(tags[i]!.name)}`);
    const text = `---\n${yaml.join("\n")}\ntags:\n${tagLines.join("\n")}\n---\n\n${body(r)}\n`;
    return { path: `${date.slice(0, 4)}/${date.slice(5, 7)}/${slug}.md`, text };
  });
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `count` names from `make`, distinct by URL slug (so tags and sources never clash); throws when the word lists run out. */
function invent(r: Random, count: number, what: string, make: () => string): { name: string; slug: string }[] {
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
  if (bySlug.size < count) throw new RangeError(`cannot invent ${count} distinct ${what}; the word lists give ${bySlug.size}`);
  return [...bySlug].map(([slug, name]) => ({ name, slug }));
}

function inventTag(r: Random): string {
  switch (r.int(0, 4)) {
    case 0: return r.pick(topics);
    case 1: return r.chance(0.2) ? r.pick(accentedPlaces) : r.pick(places);
    case 2: return `${r.pick(places)} ${r.pick(topics)}`;
    default: return `${r.pick(qualifiers)} ${r.pick(topics)}`;
  }
}

/** Appends exactly `n` words (n ≥ 5) to `out`: subject, verb, object, then phrases until the count is reached. */
function clause(r: Random, out: string[], n: number, tense: readonly string[], placeSubject = false): void {
  const end = out.length + n;
  const short = n < 7;
  if (placeSubject || short || r.chance(0.5)) out.push(r.pick(places), r.pick(nouns));
  else if (r.chance(0.5)) out.push(r.pick(firstNames), r.pick(lastNames));
  else out.push("the", r.pick(adjectives), r.pick(nouns));
  out.push(r.pick(tense));
  const adjective = r.pick(adjectives);
  if (short || r.chance(0.5)) out.push("the", r.pick(nouns));
  else out.push(/^[aeiou]/.test(adjective) ? "an" : "a", adjective, r.pick(nouns));
  while (out.length < end) phrase(r, out, end - out.length);
}

/** Appends a phrase of exactly `room` words when room ≤ 3, else of 2 to 4 words. */
function phrase(r: Random, out: string[], room: number): void {
  switch (room <= 3 ? room : r.int(2, 4)) {
    case 1: out.push(r.pick(adverbs)); break;
    case 2: if (r.chance(0.5)) out.push(r.pick(prepositions), r.pick(places)); else out.push("on", r.pick(weekdays)); break;
    case 3: out.push(r.pick(prepositions), "the", r.pick(nouns)); break;
    default: if (r.chance(0.5)) out.push("according", "to", r.pick(firstNames), r.pick(lastNames)); else out.push(r.pick(prepositions), "the", r.pick(adjectives), r.pick(nouns));
  }
}

/** Appends a sentence of exactly `n` words (n ≥ 5): a capital, sometimes two clauses joined, a full stop. */
function sentence(r: Random, out: string[], n: number): void {
  const from = out.length;
  if (n >= mix.compoundFrom && r.chance(mix.compound)) {
    const first = r.int(5, n - 6);
    clause(r, out, first, past);
    out[out.length - 1] += ",";
    out.push(r.pick(conjunctions));
    clause(r, out, n - first - 1, past);
  } else clause(r, out, n, past);
  out[from] = capitalise(out[from]!);
  out[out.length - 1] += ".";
}

function headline(r: Random): { text: string; slugWords: string[] } {
  const ampersand = r.chance(mix.titleAmpersand);
  const [min, max] = mix.titleWords;
  const words: string[] = [];
  clause(r, words, r.int(min, ampersand ? max - 1 : max), present, true);
  if (r.chance(mix.titleAccent)) words[0] = r.pick(accentedPlaces);
  // Only plain ASCII words go into the file name, so paths stay readable; the index makes it unique.
  const slugWords = words.map((w) => w.toLowerCase()).filter((w) => /^[a-z0-9-]+$/.test(w)).slice(0, mix.slugWords);
  if (ampersand) words[1] = `${words[1]} & ${r.pick(nouns)}`;
  if (r.chance(mix.titleQuotes)) {
    const at = r.int(2, words.length - 2);
    words[at] = `"${words[at]}`;
    words[at + 1] = `${words[at + 1]}"`;
  }
  if (r.chance(mix.titleEmoji)) words.push(r.pick(emoji));
  return { text: words.join(" "), slugWords };
}

function summary(r: Random): string {
  const n = r.int(...mix.summaryWords);
  const out: string[] = [];
  const second = mix.sentenceWords[0];
  if (n > mix.maxSentenceWords) sentence(r, out, n - second);
  sentence(r, out, n > mix.maxSentenceWords ? second : n);
  return out.join(" ");
}

function paragraph(r: Random, n: number, link: boolean): string {
  const out: string[] = [];
  const [min, max] = mix.sentenceWords;
  for (let left = n; left > 0; ) {
    const size = left <= mix.maxSentenceWords ? left : r.int(min, Math.min(max, left - min));
    sentence(r, out, size);
    left -= size;
  }
  if (link) {
    // Two words of the first clause (indexes 1-3 are before any comma or full stop): the word count stays the same.
    const at = r.int(1, 2);
    out[at] = `[${out[at]}`;
    out[at + 1] = `${out[at + 1]}](https://${r.pick(places).toLowerCase()}.example/${r.pick(sections)}/${r.pick(nouns)}-${r.int(1, 9999)})`;
  }
  return out.join(" ");
}

/** A body of exactly the drawn number of words: paragraphs, with subheads, a quote, a list and links in some articles. */
function body(r: Random): string {
  const has = { subheads: r.chance(mix.subheads), quote: r.chance(mix.quote), list: r.chance(mix.list), links: r.chance(mix.links) };
  const quoteAfter = r.int(0, 2);
  const listAfter = r.int(1, 2);
  const [min, max] = mix.paragraphWords;
  const blocks: string[] = [];
  let left = r.int(...mix.bodyWords);
  // An extra block goes in only if a full paragraph still fits after it, so the total stays exact.
  const extra = (text: string) => {
    const words = countWords(text);
    if (left - words >= min) {
      blocks.push(text);
      left -= words;
    }
  };
  for (let p = 0; left >= min; p++) {
    if (has.subheads && p >= 2 && (p === 2 || r.chance(mix.extraSubhead))) extra(`## ${phrases(r, [capitalise(r.pick(adjectives)), r.pick(nouns)], r.int(...mix.subheadWords))}`);
    const size = left <= max ? left : r.int(min, Math.min(max, left - min));
    blocks.push(paragraph(r, size, has.links && (p === 1 || (p > 1 && r.chance(mix.extraLink)))));
    left -= size;
    if (has.quote && p === quoteAfter) extra(quote(r));
    if (has.list && p === listAfter) extra(Array.from({ length: r.int(...mix.listItems) }, () => `- ${phrases(r, [r.pick(verbs), "the", r.pick(nouns)], r.int(...mix.listItemWords))}`).join("\n"));
  }
  return blocks.join("\n\n");
}

/** `start` followed by phrases up to `n` words in all. */
function phrases(r: Random, start: string[], n: number): string {
  while (start.length < n) phrase(r, start, n - start.length);
  return start.join(" ");
}

function quote(r: Random): string {
  const out: string[] = [];
  clause(r, out, r.int(...mix.quoteWords), past);
  return `> "${capitalise(out.join(" "))}," ${r.pick(firstNames)} ${r.pick(lastNames)} said.`;
}
