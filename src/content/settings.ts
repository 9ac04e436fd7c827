// Site settings: one schema, one set of defaults, validated like articles.
import { IANAZone } from "luxon";
import { z } from "zod";
import { imageDefaults } from "../images/image-options.ts";
import { HOSTS } from "../publish/host-budget.ts";

// The most libvips can decode (0x3FFF × 0x3FFF), sharp's own upper limit for limitInputPixels.
const MAX_PIXELS_SHARP = 268_402_689;

function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** The settings file's schema; defaults are stated here and nowhere else. */
export const settingsSchema = z.object({
  /** Name of the digest, shown in every page header. */
  title: z.string().trim().min(1).max(120),
  /** One sentence about the digest, used on the home page and in metadata. */
  description: z.string().trim().min(1).max(300),
  /** Absolute URL the site is served from, such as https://news.example.org. */
  url: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, "")),
  /** Folder the site lives in on its host, such as `/broadsheet/` for a GitHub Pages project site. Default: the path of `url`, usually `/`. */
  pathPrefix: z
    .string()
    .regex(/^\/(?:[A-Za-z0-9._~-]+\/)*$/)
    .optional(),
  /** BCP 47 language of the pages (`en-GB`). Default `en`. */
  language: z.string().refine(isLanguageTag).default("en"),
  /** IANA time zone that decides days and displayed times. Default `UTC`. */
  timeZone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone))
    .default("UTC"),
  /** Locale for formatting dates; defaults to `language`. */
  locale: z.string().refine(isLanguageTag).optional(),
  /** Articles per listing page. Default 20. */
  pageSize: z.number().int().min(1).max(500).default(20),
  /** Related articles shown under an article. Default 5. */
  relatedCount: z.number().int().min(0).max(50).default(5),
  /** Most related articles from one outlet. Default 2. */
  relatedPerSource: z.number().int().min(1).max(50).default(2),
  /** Most tags one article may carry; more is an error (a bound on every page that lists the article). Default 25. */
  maxTagsPerArticle: z.number().int().min(1).max(200).default(25),
  /** Generate a social card (headline, source, site name) for articles without a usable lead image. Default true. */
  socialCards: z.boolean().default(true),
  /** Full-text search (a search page, a search box in every header, a Pagefind index). Default true. */
  search: z.boolean().default(true),
  /** Where the site is deployed, so the build checks the output against that host's limits (docs/benchmark.md#host-budget). Default `github-pages`, the host of the project's own deploy workflow. */
  host: z.enum(HOSTS).default("github-pages"),
  /** Build even when the output passes the host's limits (warn only). Default false. */
  allowOverBudget: z.boolean().default(false),
  /** Most articles in one shard of the search index (whole months are packed oldest first). Default 2500. */
  searchShardSize: z.number().int().min(1).max(100_000).default(2500),
  /** How lead and body images are processed. */
  images: z
    .strictObject({
      /** Widths of the variants, in pixels; never wider than the original. Default [480, 800, 1200, 1600]. */
      widths: z
        .array(z.number().int().min(16).max(8192))
        .min(1)
        .max(12)
        .default([...imageDefaults.widths]),
      /** Largest source image accepted, in pixels (sharp's limitInputPixels). Default 50,000,000. */
      maxPixels: z.number().int().min(10_000).max(MAX_PIXELS_SHARP).default(imageDefaults.maxPixels),
    })
    .prefault({}),
});

/** Validated site settings, with every default filled in. */
export type Settings = Omit<z.output<typeof settingsSchema>, "locale" | "pathPrefix"> & {
  locale: string;
  pathPrefix: string;
};

/**
 * Fills in what defaults to other settings: `locale` from `language`, `pathPrefix` from the path of
 * `url`; and makes `url` the site's full base (origin and prefix), so `${url}${path}` is absolute.
 */
export function completeSettings(parsed: z.output<typeof settingsSchema>): Settings {
  const base = new URL(`${parsed.url}/`);
  const pathPrefix = parsed.pathPrefix ?? base.pathname;
  return {
    ...parsed,
    locale: parsed.locale ?? parsed.language,
    pathPrefix,
    url: `${base.origin}${pathPrefix}`.replace(/\/$/, ""),
  };
}

/** What each settings field expects, for error messages. */
export const settingsExpectations: Record<string, string> = {
  title: "the digest's name, 1-120 characters",
  description: "one sentence of 1-300 characters",
  url: "an absolute http(s) URL such as https://news.example.org",
  language: "a BCP 47 language tag such as en-GB",
  timeZone: "an IANA time zone such as Europe/London",
  locale: "a BCP 47 locale such as en-GB",
  pageSize: "a whole number from 1 to 500",
  relatedCount: "a whole number from 0 to 50",
  relatedPerSource: "a whole number from 1 to 50",
  maxTagsPerArticle: "a whole number from 1 to 200",
  socialCards: "true or false",
  search: "true or false",
  searchShardSize: "a whole number of articles from 1 to 100000, such as 2500",
  pathPrefix: "a folder path that starts and ends with /, such as /broadsheet/",
  images:
    'an object with the optional fields "widths" and "maxPixels", such as { "widths": [480, 800, 1200, 1600], "maxPixels": 50000000 }',
  "images.widths": "a list of 1-12 widths in pixels, whole numbers from 16 to 8192, such as [480, 800, 1200, 1600]",
  "images.maxPixels": "a whole number of pixels from 10000 to 268402689 (about 16383 × 16383), such as 50000000",
};
