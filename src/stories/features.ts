// The words of a news item that say which event it reports: weighted terms for story detection.
//
// A term is a lowercased word (stop words dropped, a plural "s" cut), a name (a capitalised word that
// does not open a sentence, marked `n:`) or a number (digits without separators, marked `#:`). The
// headline counts twice: it is the densest statement of the event. Names and numbers are what tell
// two storms or two votes apart, so detection weights them more (see detect.ts).

/** The text of an item that detection reads. */
export interface StoryText {
  title: string;
  summary: string;
  /** The first paragraph of the body, as plain text. */
  lead: string;
}

/** A term and how often it occurs in one item. */
export type TermCounts = Map<string, number>;

// Words that say nothing about which event an item reports.
const STOP = new Set(
  (
    "a about after again against all also an and any are as at be been before being but by can could did do does " +
    "for from had has have he her here his how i if in into is it its itself last more most much new no not now of " +
    "off on once one only or other our out over said same say says she should since so some still than that the " +
    "their them then there these they this those through to too two under until up very was we were what when where " +
    "which while who whom why will with would you your yet next first week day today year says told according " +
    // Attribution and calendar words: every outlet's items of one day share them, whatever the event.
    "report reports reported monday tuesday wednesday thursday friday saturday sunday january february march " +
    "april may june july august september october november december morning evening night yesterday tomorrow"
  ).split(" "),
);

// A word: letters and digits, with inner apostrophes, points, commas or hyphens (14,000; O'Neill; 4.25).
const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;
const NUMBER_SEPARATORS = /[,.'’-]/g;

/** The terms of one piece of text, added to `counts` with the given weight. */
export function addTerms(text: string, counts: TermCounts, weight = 1): void {
  // One exec loop, no per-word arrays beyond the match: this runs over every item of a build.
  const word = new RegExp(WORD);
  for (let match = word.exec(text); match !== null; match = word.exec(text)) {
    let raw = match[0];
    const first = raw.charCodeAt(0);
    if (first >= 48 && first <= 57) {
      add(counts, `#:${raw.replace(NUMBER_SEPARATORS, "")}`, weight);
      continue;
    }
    if (raw.endsWith("'s") || raw.endsWith("’s")) raw = raw.slice(0, -2);
    const lower = raw.toLowerCase();
    if (lower.length < 2 || STOP.has(lower)) continue;
    const stemmed = stem(lower);
    if (STOP.has(stemmed)) continue;
    add(counts, stemmed, weight);
    // A capitalised word inside a sentence is a name: a person, a place, an organisation.
    if (raw[0] !== lower[0] && !opensSentence(text, match.index)) add(counts, `n:${lower}`, weight);
  }
}

/** Does the word at `at` open a sentence: nothing but spaces and quotes since the text's start or a full stop? */
function opensSentence(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charAt(i);
    if (c === "." || c === "!" || c === "?" || c === ":") return true;
    if (c !== " " && c !== '"' && c !== "“" && c !== "'" && c !== "‘" && c !== "(" && c !== "\n") return false;
  }
  return true;
}

/** The weighted terms of an item: headline twice, summary and first paragraph once. */
export function itemTerms(text: StoryText): TermCounts {
  const counts: TermCounts = new Map();
  addTerms(text.title, counts, 2);
  addTerms(text.summary, counts);
  // A summary is often the first paragraph's first sentence: the repeat would count it twice.
  if (text.lead !== "" && !text.lead.startsWith(text.summary.slice(0, 40))) addTerms(leadWords(text.lead), counts);
  return counts;
}

/** Words of the first paragraph that count: its opening states the event, the rest dilutes it. */
const LEAD_WORDS = 60;

function leadWords(lead: string): string {
  let at = -1;
  for (let n = 0; n < LEAD_WORDS; n++) {
    at = lead.indexOf(" ", at + 1);
    if (at < 0) return lead;
  }
  return lead.slice(0, at);
}

function add(counts: TermCounts, term: string, weight: number): void {
  counts.set(term, (counts.get(term) ?? 0) + weight);
}

// Enough stemming to meet "storm"/"storms", "vote"/"votes"; not a linguistic stemmer.
function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) return word.slice(0, -1);
  return word;
}
