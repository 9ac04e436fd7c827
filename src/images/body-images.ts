// Images in article bodies (`![alt](./photo.jpg)`): what an author must get right, and putting the
// processed pictures where the Markdown renderer left placeholders.
import type { Problem } from "../content/errors.ts";
import { type BodyImageRef, imagePlaceholder } from "../content/markdown.ts";

/** A body image that passed the checks here; its file is checked when images are processed. */
export interface BodyImage {
  /** Path as written, relative to the article file. */
  path: string;
  /** Empty only for an image marked decorative. */
  alt: string;
  /** The Markdown title, unless it only marks the image decorative. */
  title?: string;
  /** 1-based line in the article file, when known. */
  line?: number;
}

/** The Markdown title that marks an image decorative, so that its alt text may be empty. */
export const DECORATIVE_TITLE = "decorative";

const HAS_SCHEME = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

/**
 * Checks the images of one body (`bodyLine` is the file line the body starts on): alt text present
 * unless marked decorative, and a path to a file beside the article, not an address elsewhere.
 */
export function checkBodyImages(
  file: string,
  refs: readonly BodyImageRef[],
  bodyLine: number,
): { images: BodyImage[]; problems: Problem[] } {
  const images: BodyImage[] = [];
  const problems: Problem[] = [];
  for (const ref of refs) {
    const line = ref.line === undefined ? undefined : ref.line + bodyLine - 1;
    const at = { file, field: "body", ...(line === undefined ? {} : { line }) };
    const decorative = ref.title.trim().toLowerCase() === DECORATIVE_TITLE;
    const quoted = JSON.stringify(ref.src);
    let ok = true;
    if (HAS_SCHEME.test(ref.src)) {
      ok = false;
      problems.push({
        ...at,
        message: `image ${quoted} is not a file of this site; save the image next to the article and write its path, such as ![${ref.alt || "what it shows"}](./photo.jpg): pages may only show the site's own images (Content-Security-Policy img-src 'self')`,
      });
    } else if (ref.src.startsWith("/") || ref.src.trim() === "") {
      ok = false;
      problems.push({
        ...at,
        message: `image ${quoted} must be a path relative to the article file, such as ./photo.jpg`,
      });
    }
    if (ref.alt.trim() === "" && !decorative) {
      ok = false;
      problems.push({
        ...at,
        message: `image ${quoted} has no alt text; describe what it shows, as in ![Boats in the harbour at dawn](${ref.src}), or mark it decorative with the title "decorative": ![](${ref.src} "decorative")`,
      });
    }
    if (!ok) continue;
    const title = decorative || ref.title.trim() === "" ? undefined : ref.title;
    images.push({
      path: ref.src,
      alt: ref.alt.trim(),
      ...(title === undefined ? {} : { title }),
      ...(line === undefined ? {} : { line }),
    });
  }
  return { images, problems };
}

/** The body HTML with the n-th image placeholder replaced by `pictures[n]` (HTML the project made). */
export function placeImages(html: string, pictures: readonly string[]): string {
  return pictures.reduce((out, picture, n) => out.replace(imagePlaceholder(n), () => picture), html);
}
