// URL slugs for tags, sources, file names and heading ids.
import slugifyText from "slugify";

/** Lowercase ASCII slug: `Donald Trump` → `donald-trump`, `São Paulo` → `sao-paulo`; "" when nothing is left. */
export function slugify(text: string): string {
  // `slugify` transliterates through one lookup table (fast at 10,000 articles); strict mode drops
  // everything but letters and digits, so separators and the symbols it spells out are spaced first.
  const spaced = text.replace(/_/g, " ").replace(/&/g, " and ").replace(/%/g, " percent ");
  return slugifyText(spaced, { lower: true, strict: true, trim: true });
}
