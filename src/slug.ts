// URL slugs for tags, sources and file names.
import slugifyText from "@sindresorhus/slugify";

/** Lowercase ASCII slug: `Donald Trump` → `donald-trump`, `São Paulo` → `sao-paulo`; "" when nothing is left. */
export function slugify(text: string): string {
  return slugifyText(text, { decamelize: false });
}
