// Finds quoted values whose closing quote is missing, before YAML reads them: a parser would take
// everything up to the next quote as the value and report the line where it gave up, not the line
// where the quote was opened.
import { knownFields } from "./schema.ts";

/** A quote mistake on a line of the file. */
export interface QuoteMistake {
  message: string;
  line: number;
}

const QUOTED = /^([A-Za-z][\w-]*):[ \t]+(["'])(.*)$/;
const FIELD_START = /^([A-Za-z][\w-]*):(\s|$)/;

/** Index just past the closing quote in `text`, or -1 when the quote is not closed there. */
function closingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === "\\") i++;
    else if (c === quote) {
      // In single quotes, '' stands for one quote.
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/**
 * Quoted field values that are not closed on their line and either swallow lines that look like
 * fields or are never closed. `firstLine` is the file line of the YAML's first line.
 */
export function quoteMistakes(yaml: string, firstLine: number): QuoteMistake[] {
  const lines = yaml.split("\n");
  const mistakes: QuoteMistake[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = QUOTED.exec(lines[i] ?? "");
    if (!match) continue;
    const [, field, quote, rest] = match as unknown as [string, string, string, string];
    if (closingQuote(rest, quote) !== -1) continue;
    const swallowed: string[] = [];
    let end = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const text = lines[j] ?? "";
      const name = FIELD_START.exec(text)?.[1];
      if (name !== undefined && knownFields.includes(name)) swallowed.push(`${name}:`);
      if (closingQuote(text, quote) !== -1) {
        end = j;
        break;
      }
    }
    const opened = firstLine + i;
    if (swallowed.length > 0) {
      const last = firstLine + (end === -1 ? lines.length - 1 : end);
      mistakes.push({
        line: opened,
        message: `${field} runs on to line ${last} and swallows ${swallowed.join(", ")}; is a closing quote missing on line ${opened}?`,
      });
    } else if (end === -1) {
      mistakes.push({
        line: opened,
        message: `${field}: the quote opened on this line is never closed; add the closing ${quote} at the end of the value`,
      });
    }
    // A legitimately long quoted value ends where its quote closes; the scan goes on after it.
    if (end !== -1) i = end;
  }
  return mistakes;
}
