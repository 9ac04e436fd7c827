// One article file → one validated Article, or every problem with it.
import type { DateTime } from "luxon";
import type { Article, ParsedArticle } from "./article.ts";
import { nameKey } from "./article.ts";
import { fieldExpectations, frontMatterSchema, knownFields } from "./schema.ts";
import { checkBodyImages } from "../images/body-images.ts";
import { locate, limitProblems, nameMisspellings, surrogateProblems } from "./checks.ts";
import { acceptedDateForms, localDay, offsetOutOfRange, parseIsoDate } from "./dates.ts";
import { describeValue, type Problem } from "./errors.ts";
import { splitFrontMatter } from "./front-matter.ts";
import { truncateAtWord } from "./markdown.ts";
import type { CachedBody } from "./stored-html.ts";
import type { Settings } from "./settings.ts";
import { slugify } from "../digest/slug.ts";
import { articleUrl } from "../digest/urls.ts";
import { issuesToProblems, unknownFieldWarnings } from "./validate.ts";
import { storyFields } from "../stories/author.ts";

// A date and time with an offset, for the message about an offset out of range.
const DATE_TIME_FORM = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** Reads a date field that passed or failed the schema; records a problem when it is a string that is no date. */
function checkDate(
  file: string,
  field: string,
  value: unknown,
  timeZone: string,
  errors: Problem[],
): DateTime | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const parsed = parseIsoDate(value, timeZone);
  if (parsed === null && DATE_TIME_FORM.test(value.trim()) && offsetOutOfRange(value)) {
    errors.push({
      file,
      field,
      message: `has a zone offset beyond what ISO 8601 allows (-18:00 to +18:00); write the time with its real offset, such as 2025-08-15T10:00:00+01:00; got ${describeValue(value)}`,
    });
    return undefined;
  }
  if (parsed === null) {
    errors.push({
      file,
      field,
      message: `expected ${acceptedDateForms(timeZone)}, on a day that exists; got ${describeValue(value)}`,
    });
    return undefined;
  }
  return parsed;
}

/** How a body becomes HTML, and how long a derived summary may be. */
export interface BodyRenderer {
  render(body: string): CachedBody & { key?: string };
  summaryLength: number;
}

/** Validates one file's text. `file` is its project-relative path, used in every message. */
export function parseArticle(file: string, text: string, settings: Settings, renderer: BodyRenderer): ParsedArticle {
  const split = splitFrontMatter(text);
  if (!split.ok) return { errors: split.problems.map((p) => ({ file, ...p })), warnings: [] };
  const result = frontMatterSchema.safeParse(split.data);
  const errors = result.success ? [] : issuesToProblems(file, result.error.issues, split.data, fieldExpectations);
  const named = nameMisspellings(errors, split.data, knownFields, split.lines);
  const warnings = unknownFieldWarnings(file, split.data, knownFields).filter((w) => !named.has(w.field ?? ""));
  const bounds = limitProblems(file, split.data, split.body, settings);
  errors.push(...bounds.filter((p) => !p.warning), ...surrogateProblems(file, split.data));
  warnings.push(...bounds.filter((p) => p.warning));
  // The checks below need the site's zone or several fields; they run even when the schema failed,
  // so an author sees every problem of the file at once.
  const raw = split.data;
  const date = checkDate(file, "date", raw.date, settings.timeZone, errors);
  const updated = checkDate(file, "updated", raw.updated, settings.timeZone, errors);
  if (updated && date && updated < date) {
    errors.push({
      file,
      field: "updated",
      message: `must not be before date (${String(raw.date)}); got ${describeValue(raw.updated)}`,
    });
  }
  const expires = checkDate(file, "expires", raw.expires, settings.timeZone, errors);
  if (expires && date && expires <= date) {
    errors.push({
      file,
      field: "expires",
      message: `must be after date (${String(raw.date)}); got ${describeValue(raw.expires)}`,
    });
  }
  const corrections = (Array.isArray(raw.corrections) ? raw.corrections : []).map((c: unknown, i) => ({
    date: checkDate(file, `corrections[${i}].date`, (c as { date?: unknown } | null)?.date, settings.timeZone, errors),
    text: String((c as { text?: unknown } | null)?.text ?? ""),
  }));
  if (raw.image !== undefined && raw.imageAlt === undefined) {
    errors.push({
      file,
      field: "imageAlt",
      message: `is required when image is given; expected ${fieldExpectations.imageAlt}`,
    });
  } else if (typeof raw.imageAlt === "string" && raw.imageAlt.trim() === "" && raw.imageDecorative !== true) {
    errors.push({
      file,
      field: "imageAlt",
      message: `is empty; describe the image, or mark it decorative with imageDecorative: true`,
    });
  }
  const names = [
    ...(Array.isArray(raw.tags) ? raw.tags.map((tag: unknown, i) => [`tags[${i}]`, tag] as const) : []),
    ["source", raw.source] as const,
  ];
  for (const [field, name] of names) {
    // slugify gives "" exactly for a name without a letter or digit; the test is cheaper than the slug.
    if (typeof name === "string" && name.trim() !== "" && !/[\p{L}\p{N}]/u.test(name)) {
      errors.push({
        file,
        field,
        message: `has no letters or digits to make its URL from; use a name with at least one; got ${describeValue(name)}`,
      });
    }
  }
  const baseName = file.split("/").pop()?.replace(/\.md$/i, "") ?? "";
  const slug = typeof raw.slug === "string" ? raw.slug : slugify(baseName);
  if (slug === "")
    errors.push({
      file,
      field: "slug",
      message: `cannot be made from the file name; expected ${fieldExpectations.slug}`,
    });
  // Rendered even when the front matter failed, so that body image problems are reported with the rest.
  const body = renderer.render(split.body);
  const bodyImages = checkBodyImages(file, body.images ?? [], split.bodyLine);
  // Positions are worked out only for a file that has something to point at.
  if (errors.length > 0) locate(errors, split.lines());
  if (warnings.length > 0) locate(warnings, split.lines());
  for (const problem of bodyImages.problems) errors.push(problem);
  if (!result.success || errors.length > bodyImages.problems.length || !date)
    return { errors, warnings, lines: split.lines };
  const fm = result.data;

  const day = localDay(date, settings.timeZone);
  const seen = new Set<string>();
  const article: Article = {
    file,
    slug,
    url: articleUrl(day, slug),
    day,
    title: fm.title,
    date,
    tags: fm.tags.filter((tag) => !seen.has(nameKey(tag)) && seen.add(nameKey(tag))),
    summary: fm.summary ?? truncateAtWord(body.firstParagraph, renderer.summaryLength),
    ...(fm.summary === undefined ? { summaryDerived: true } : {}),
    bodyHtml: body.html,
    firstParagraph: body.firstParagraph,
    ...(body.key === undefined ? {} : { bodyKey: body.key }),
    draft: fm.draft,
    ...storyFields(fm, text),
    ...(bodyImages.images.length > 0 ? { bodyImages: bodyImages.images } : {}),
    ...(updated ? { updated } : {}),
    ...(expires ? { expires } : {}),
    ...(corrections.length > 0
      ? {
          corrections: corrections
            .flatMap((c) => (c.date ? [{ date: c.date, text: c.text }] : []))
            .sort((a, b) => a.date.toMillis() - b.date.toMillis()),
        }
      : {}),
    ...(fm.source === undefined ? {} : { source: fm.source }),
    ...(fm.sourceUrl === undefined ? {} : { sourceUrl: fm.sourceUrl }),
    ...(fm.author === undefined ? {} : { author: fm.author }),
    ...(fm.image === undefined || fm.imageAlt === undefined
      ? {}
      : {
          image: {
            path: fm.image,
            alt: fm.imageAlt,
            ...(fm.imageCredit === undefined ? {} : { credit: fm.imageCredit }),
          },
        }),
  };
  // A body image's own mistakes fail the build but keep the article, so that the files of its other
  // images are still checked, and every problem is reported at once.
  return { article, errors: bodyImages.problems, warnings, lines: split.lines };
}
