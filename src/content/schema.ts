// The article front matter schema: the one source of truth for what an author may write.
import { z } from "zod";
import { isStoryId } from "../stories/author.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

/** Front matter as written, before dates are read in the site's time zone. */
export const frontMatterSchema = z.object({
  title: text(200),
  date: z.string().trim().min(1),
  updated: z.string().trim().min(1).optional(),
  expires: z.string().trim().min(1).optional(),
  corrections: z.array(z.object({ date: z.string().trim().min(1), text: text(1000) })).default([]),
  source: text(200).optional(),
  sourceUrl: z.url({ protocol: /^https?$/ }).optional(),
  author: text(200).optional(),
  tags: z.array(text(100)).default([]),
  summary: text(600).optional(),
  image: text(500).optional(),
  // Empty only for an image marked decorative; the cross-field rule is in article.ts.
  imageAlt: z.string().trim().max(1000).optional(),
  imageDecorative: z.boolean().default(false),
  imageCredit: text(300).optional(),
  slug: z
    .string()
    // Lowercase letters of any script (東京 has no case), as slugify makes them.
    .regex(/^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}]+)*$/u)
    .max(120)
    .optional(),
  draft: z.boolean().default(false),
  // Stories (src/stories/): a story id to join, or false to stay alone; the lead of its story.
  story: z.union([z.literal(false), text(120).refine(isStoryId)]).optional(),
  storyLead: z.boolean().default(false),
});

/** Front matter after schema validation. */
export type FrontMatter = z.output<typeof frontMatterSchema>;

/** Every field an author may write, for the unknown-field warning. */
export const knownFields: readonly string[] = Object.keys(frontMatterSchema.shape);

/** What each field expects, in words an author understands; used in every error message. */
export const fieldExpectations: Record<string, string> = {
  title: "a headline of 1-200 characters",
  date: "an ISO 8601 date or date-time, like 2025-08-15, 2025-08-15T17:05 or 2025-08-15T17:05:00Z",
  updated: "an ISO 8601 date or date-time, like 2025-08-15T18:30 or 2025-08-15T18:30:00Z",
  expires: "an ISO 8601 date or date-time, like 2025-09-15 or 2025-09-15T00:00:00Z",
  corrections: "a list of { date, text } entries, such as [{ date: 2025-08-16T09:00:00Z, text: What was corrected. }]",
  source: "the outlet's name, 1-200 characters",
  sourceUrl: "an http(s) URL of the original report",
  author: "the byline, 1-200 characters",
  tags: "a list of tags, such as [Politics, Ukraine]",
  tag: "a non-empty tag of at most 100 characters",
  summary: "one or two sentences, at most 600 characters",
  image: "a path to an image file, relative to the article",
  imageAlt: "a description of the image for readers who cannot see it",
  imageDecorative: "true for an image that adds nothing a reader would miss (then imageAlt may be empty)",
  imageCredit: "who made the image, shown as its caption, such as Photo: Northbridge Courier",
  slug: "lowercase letters (of any script), digits and single hyphens, such as harbour-bridge-reopens",
  draft: "true or false",
  story: "a story id with letters or digits, such as calder-mill-fire, or false to keep the item out of stories",
  storyLead: "true to make this item the lead of its story, shown first in listings",
};
