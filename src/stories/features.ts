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

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.,-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Plain text of the first `<p>` of rendered HTML, or "" when there is none. */
export function firstParagraphText(html: string): string {
  const match = /<p[^>]*>([\s\S]*?)<\/p>/i.exec(html);
  if (!match) return "";
  return match[1]!
    .replace(/<[^>]+>/g, "")
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? " ")
    .trim();
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** The terms of one piece of text, added to `counts` with the given weight. */
export function addTerms(text: string, counts: TermCounts, weight = 1): void {
  let sentenceStart = true;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0].replace(/['’]s$/u, "").replace(/[.,]+$/u, "");
    const end = match.index + match[0].length;
    const next = text.slice(end, end + 2);
    const opensSentence = sentenceStart;
    sentenceStart = /^[.!?:]/.test(next) || /[.!?]$/.test(match[0]);
    if (/^\p{N}/u.test(raw)) {
      const digits = raw.replace(/[,.'’-](?=\p{N})/gu, "").toLowerCase();
      add(counts, `#:${digits}`, weight);
      continue;
    }
    const lower = raw.toLowerCase();
    const stemmed = stem(lower);
    if (STOP.has(lower) || STOP.has(stemmed) || lower.length < 2) continue;
    add(counts, stemmed, weight);
    // A capitalised word inside a sentence is a name: a person, a place, an organisation.
    if (!opensSentence && /^\p{Lu}/u.test(raw)) add(counts, `n:${lower}`, weight);
  }
}

/** The weighted terms of an item: headline twice, summary and first paragraph once. */
export function itemTerms(text: StoryText): TermCounts {
  const counts: TermCounts = new Map();
  addTerms(text.title, counts, 2);
  addTerms(text.summary, counts);
  // A summary is often the first paragraph's first sentence: the repeat would count it twice.
  if (text.lead !== "" && !text.lead.startsWith(text.summary.slice(0, 40))) addTerms(text.lead, counts);
  return counts;
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
