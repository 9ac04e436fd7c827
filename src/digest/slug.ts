// URL slugs for tags, sources, file names and heading ids.
import slugifyText from "slugify";

const slugs = new Map<string, string>();
// Headings and file names pass through here too: the memory is emptied before it grows without end.
const REMEMBERED = 100_000;

/** Lowercase ASCII slug: `Donald Trump` → `donald-trump`, `São Paulo` → `sao-paulo`; "" when nothing is left. */
export function slugify(text: string): string {
  // Tags and sources are few and met thousands of times per build: their slugs are remembered.
  let slug = slugs.get(text);
  if (slug === undefined) {
    if (slugs.size >= REMEMBERED) slugs.clear();
    slugs.set(text, (slug = slugOf(text)));
  }
  return slug;
}

function slugOf(text: string): string {
  // `slugify` transliterates through one lookup table (fast at 10,000 articles); strict mode drops
  // everything but letters and digits, so separators and the symbols it spells out are spaced first.
  const spaced = text.replace(/_/g, " ").replace(/&/g, " and ").replace(/%/g, " percent ");
  return slugifyText(spaced, { lower: true, strict: true, trim: true });
}
