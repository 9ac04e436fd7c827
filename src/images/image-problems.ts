// Why a source image cannot be used, each said as a predicate for "image: …" in an author's error message.

/** Why a source image could not be used, as a predicate for "image: …" in an author's error message. */
export interface ImageProblem {
  problem: string;
}

/** Message for a source above the pixel limit. */
export function tooLargeProblem(pixels: number, maxPixels: number): ImageProblem {
  const mp = (n: number) => (n >= 1e6 ? (n / 1e6).toFixed(1) : String(Number((n / 1e6).toPrecision(2))));
  const limit = String(Number((maxPixels / 1e6).toPrecision(3)));
  return { problem: `is ${mp(pixels)} megapixels; the limit is ${limit} megapixels (maxPixels)` };
}

/** The problem of a file that is no image sharp can read. */
export const notAnImage = "is not an image file that can be read; use a JPEG, PNG, WebP, AVIF, GIF or TIFF file";

/** The problem of a source that could not be read, by its error code. */
export function readProblem(error: unknown): ImageProblem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return { problem: "names a file that does not exist" };
  if (code === "EISDIR") return { problem: "names a folder, not an image file" };
  return { problem: `names a file that cannot be read (${code ?? String(error)})` };
}

/** The problem of a source sharp failed to decode. */
export function decodeProblem(error: unknown): ImageProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (/unsupported image format|is empty/i.test(message)) return { problem: notAnImage };
  // libvips's own reason is left out: it is a shared error buffer, so with several images decoding at
  // once it may say "Unknown error" or another file's reason, and it means little to an author.
  return { problem: "is damaged or incomplete and cannot be decoded; export or download it again" };
}
