// The author's story fields: reading `story:` and `storyLead:` from front matter, and the checks
// that need every article at once (two leads in one story, one story id across more than 30 days).
import { slugify } from "../digest/slug.ts";
import type { Problem } from "../content/errors.ts";

/** What an article carries of its story fields, with the lines they are written on. */
export interface StoryFields {
  /** The story id as a slug, or false to keep the item out of every story. */
  story?: string | false;
  storyLead?: boolean;
  /** 1-based lines of the two fields in the file, when written. */
  storyLines?: { story?: number; storyLead?: number };
}

/** Options of the cross-article checks. */
export interface StoryCheckOptions {
  /** Longest time between two items of one named story before a warning, in days. Default 30. */
  maxNamedSpanDays: number;
}

/** Defaults of the cross-article checks. */
export const storyCheckDefaults = { maxNamedSpanDays: 30 } satisfies StoryCheckOptions;

/** Is `value` a story id an author may write: a string with letters or digits to make a slug from? */
export function isStoryId(value: string): boolean {
  return slugify(value) !== "";
}

/** The story fields of validated front matter, with their lines found in the file's text. */
export function storyFields(fm: { story?: string | false; storyLead: boolean }, text: string): StoryFields {
  if (fm.story === undefined && !fm.storyLead) return {};
  const lines = text.split("\n");
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  const lineOf = (field: string) => {
    const at = lines.slice(0, end).findIndex((line) => line.startsWith(`${field}:`));
    return at < 0 ? undefined : at + 1;
  };
  const story = lineOf("story");
  const storyLead = lineOf("storyLead");
  return {
    ...(fm.story === undefined ? {} : { story: fm.story === false ? false : slugify(fm.story) }),
    ...(fm.storyLead ? { storyLead: true } : {}),
    storyLines: { ...(story ? { story } : {}), ...(storyLead ? { storyLead } : {}) },
  };
}

/** What the cross-article checks read of an article. */
export interface StoryCheckInput extends StoryFields {
  file: string;
  /** Publication time in milliseconds since the epoch. */
  time: number;
}

/** Errors (two leads in one story) and warnings (a story id over more than 30 days) across articles. */
export function storyProblems(
  articles: readonly StoryCheckInput[],
  options: StoryCheckOptions = storyCheckDefaults,
): { errors: Problem[]; warnings: Problem[] } {
  const byId = new Map<string, StoryCheckInput[]>();
  for (const a of articles) if (typeof a.story === "string") byId.get(a.story)?.push(a) ?? byId.set(a.story, [a]);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const at = (a: StoryCheckInput, field: "story" | "storyLead") => {
    const line = a.storyLines?.[field];
    return line === undefined ? {} : { line };
  };
  for (const [id, list] of [...byId].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const sorted = [...list].sort((a, b) => a.time - b.time || (a.file < b.file ? -1 : 1));
    const leads = sorted.filter((a) => a.storyLead);
    if (leads.length > 1) {
      for (const a of leads) {
        const others = leads.filter((b) => b !== a).map((b) => b.file);
        errors.push({
          file: a.file,
          field: "storyLead",
          ...at(a, "storyLead"),
          message: `story "${id}" has more than one lead (also ${others.join(", ")}); keep storyLead: true on one of them`,
        });
      }
    }
    const first = sorted[0];
    const last = sorted.at(-1);
    if (first === undefined || last === undefined) continue;
    const days = (last.time - first.time) / 86_400_000;
    if (days > options.maxNamedSpanDays) {
      warnings.push({
        file: last.file,
        field: "story",
        ...at(last, "story"),
        message: `story "${id}" spans ${Math.floor(days)} days (first item ${first.file}), more than ${options.maxNamedSpanDays}; check the id, or give a later chapter its own id`,
      });
    }
  }
  return { errors, warnings };
}
