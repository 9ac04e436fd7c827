// The file `npm run new` writes: where a new item goes, and its front matter with every field stubbed.
import type { DateTime } from "luxon";
import { fieldExpectations, frontMatterSchema } from "./schema.ts";
import { isoInstant } from "./dates.ts";
import { DigestError, FRONT_MATTER_HELP } from "./errors.ts";
import { slugify } from "../digest/slug.ts";

/** What a new item is made from. */
export interface ArticleTemplateInput {
  /** The headline, as the editor typed it; runs of whitespace become one space. */
  title: string;
  /** The time of writing; it becomes the item's `date`. */
  now: DateTime;
  /** The site's IANA time zone: it decides the date's offset and the YYYY/MM folders. */
  timeZone: string;
}

/** A new article file: its path relative to the project root, and its text. */
export interface ArticleTemplate {
  path: string;
  text: string;
}

// The file name becomes the URL slug, so it obeys the limit the schema sets for an explicit `slug`.
const MAX_SLUG_LENGTH = frontMatterSchema.shape.slug.unwrap().maxLength ?? Number.POSITIVE_INFINITY;

/** The path and text of a new item titled `title`, dated `now` in `timeZone`; throws DigestError for an unusable headline. */
export function articleTemplate({ title, now, timeZone }: ArticleTemplateInput): ArticleTemplate {
  const headline = title.replace(/\s+/g, " ").trim();
  if (!frontMatterSchema.shape.title.safeParse(headline).success) {
    throw new DigestError(
      `Expected ${fieldExpectations.title} for the title; got ${headline.length} characters after trimming. See ${FRONT_MATTER_HELP}`,
    );
  }
  const slug = shortenSlug(slugify(headline), MAX_SLUG_LENGTH);
  if (slug === "") {
    throw new DigestError(
      `The headline ${JSON.stringify(headline)} has no letters or digits to make a file name from; add a word such as the place or the subject.`,
    );
  }
  const local = now.setZone(timeZone).startOf("second");
  if (!local.isValid)
    throw new DigestError(`The time zone ${JSON.stringify(timeZone)} is not an IANA time zone such as Europe/London.`);
  const date = isoInstant(local);
  return {
    path: `content/articles/${local.toFormat("yyyy")}/${local.toFormat("MM")}/${slug}.md`,
    text: frontMatter(headline, slug, date, isoInstant(local.plus({ months: 1 }))) + BODY,
  };
}

/** Cuts a slug to at most `max` characters, at a hyphen when there is one. */
function shortenSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const hyphen = cut.lastIndexOf("-");
  return hyphen > 0 ? cut.slice(0, hyphen) : cut.slice(0, max);
}

// Every field of README.md#front-matter, in its order. Optional fields are commented out with an
// example value that validates once the `#` is removed; `draft: true` keeps a half-written item
// out of production builds until the editor removes it.
function frontMatter(headline: string, slug: string, date: string, monthLater: string): string {
  return [
    "---",
    `# Every field is described in ${FRONT_MATTER_HELP}; remove the # in front of a field to use it.`,
    // JSON strings are valid YAML double-quoted scalars, so any headline survives quoting.
    `title: ${JSON.stringify(headline)}`,
    `date: ${date}`,
    `# updated: ${date}`,
    `# expires: ${monthLater}`,
    `# corrections: [{ date: ${date}, text: What was corrected. }]`,
    "# source: Northbridge Courier",
    "# sourceUrl: https://courier.example/story",
    "# author: Priya Nandakumar",
    "tags: []",
    "# summary: One or two sentences. Without it, the first paragraph below is used.",
    "# image: ./photo.jpg",
    "# imageAlt: What the photo shows, for readers who cannot see it.",
    '# imageCredit: "Photo: Northbridge Courier"',
    "# imageDecorative: true",
    `# slug: ${slug}`,
    "draft: true",
    "---",
    "",
  ].join("\n");
}

const BODY = "\nWrite the story here. The first paragraph is the summary in listings unless `summary` is set.\n";
