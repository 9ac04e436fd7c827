// Invented prose for the synthetic corpus: headlines, summaries and Markdown bodies of exact word counts.
import type { Random } from "./random.ts";
import {
  accentedPlaces,
  adjectives,
  adverbs,
  capitalise,
  conjunctions,
  emoji,
  firstNames,
  lastNames,
  mix,
  nouns,
  past,
  places,
  prepositions,
  present,
  sections,
  verbs,
  weekdays,
} from "./words.ts";

/** Words that carry a letter or digit; Markdown markers such as `##`, `>` and `-` do not count. */
export const countWords = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Appends exactly `n` words (n ≥ 5) to `out`: subject, verb, object, then phrases until the count is reached. */
function clause(r: Random, out: string[], n: number, tense: readonly string[], placeSubject = false): void {
  const end = out.length + n;
  const short = n < 7;
  if (placeSubject || short || r.chance(0.5)) out.push(r.pick(places), r.pick(nouns));
  // biome-ignore lint/suspicious/noDuplicateElseIf: each call draws a new random number; not the same condition.
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
    case 1:
      out.push(r.pick(adverbs));
      break;
    case 2:
      if (r.chance(0.5)) out.push(r.pick(prepositions), r.pick(places));
      else out.push("on", r.pick(weekdays));
      break;
    case 3:
      out.push(r.pick(prepositions), "the", r.pick(nouns));
      break;
    default:
      if (r.chance(0.5)) out.push("according", "to", r.pick(firstNames), r.pick(lastNames));
      else out.push(r.pick(prepositions), "the", r.pick(adjectives), r.pick(nouns));
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

export function headline(r: Random): { text: string; slugWords: string[] } {
  const ampersand = r.chance(mix.titleAmpersand);
  const [min, max] = mix.titleWords;
  const words: string[] = [];
  clause(r, words, r.int(min, ampersand ? max - 1 : max), present, true);
  if (r.chance(mix.titleAccent)) words[0] = r.pick(accentedPlaces);
  // Only plain ASCII words go into the file name, so paths stay readable; the index makes it unique.
  const slugWords = words
    .map((w) => w.toLowerCase())
    .filter((w) => /^[a-z0-9-]+$/.test(w))
    .slice(0, mix.slugWords);
  if (ampersand) words[1] = `${words[1]} & ${r.pick(nouns)}`;
  if (r.chance(mix.titleQuotes)) {
    const at = r.int(2, words.length - 2);
    words[at] = `"${words[at]}`;
    words[at + 1] = `${words[at + 1]}"`;
  }
  if (r.chance(mix.titleEmoji)) words.push(r.pick(emoji));
  return { text: words.join(" "), slugWords };
}

export function summary(r: Random): string {
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
    out[at + 1] =
      `${out[at + 1]}](https://${r.pick(places).toLowerCase()}.example/${r.pick(sections)}/${r.pick(nouns)}-${r.int(1, 9999)})`;
  }
  return out.join(" ");
}

/** A body of exactly the drawn number of words: paragraphs, with subheads, a quote, a list and links in some articles. */
export function body(r: Random): string {
  const has = {
    subheads: r.chance(mix.subheads),
    quote: r.chance(mix.quote),
    list: r.chance(mix.list),
    links: r.chance(mix.links),
  };
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
    if (has.subheads && p >= 2 && (p === 2 || r.chance(mix.extraSubhead)))
      extra(`## ${phrases(r, [capitalise(r.pick(adjectives)), r.pick(nouns)], r.int(...mix.subheadWords))}`);
    const size = left <= max ? left : r.int(min, Math.min(max, left - min));
    blocks.push(paragraph(r, size, has.links && (p === 1 || (p > 1 && r.chance(mix.extraLink)))));
    left -= size;
    if (has.quote && p === quoteAfter) extra(quote(r));
    if (has.list && p === listAfter)
      extra(
        Array.from(
          { length: r.int(...mix.listItems) },
          () => `- ${phrases(r, [r.pick(verbs), "the", r.pick(nouns)], r.int(...mix.listItemWords))}`,
        ).join("\n"),
      );
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
