// A lead image made into a card: whether it is large enough to be cropped, and the crop itself. One
// of the files whose code shapes a card's pixels (cardCodeFiles): a change here makes new cards.
import { loadSharp } from "../sharp.ts";
import { cardDesignDefaults } from "./card-layout.ts";

/** How a lead image is cropped: which part it keeps and the JPEG it becomes. */
export interface CropOptions {
  position: "attention" | "centre";
  jpeg: { quality: number; mozjpeg: boolean };
}

// Made once per process, not once per card: the installed sharp's versions cannot change under it.
let recipe: Promise<string> | undefined;

/** What, besides this code, shapes a cropped card's bytes: sharp's version and its libraries' (libvips, libjpeg…). */
export function cropRecipe(): Promise<string> {
  recipe ??= loadSharp().then((sharp) => JSON.stringify(sharp.versions));
  return recipe;
}

// A lead image at least as large as the card is cropped to it. A smaller one would have to be blown up
// and would look blurred, so it gets a generated card instead.
/** Whether the image `bytes` (once turned upright) covers the card without being enlarged. */
export async function largeEnough(bytes: Uint8Array): Promise<boolean> {
  const meta = await (await loadSharp())(bytes, { limitInputPixels: false }).metadata();
  const [w, h] =
    (meta.orientation ?? 1) >= 5 ? [meta.height ?? 0, meta.width ?? 0] : [meta.width ?? 0, meta.height ?? 0];
  return w >= cardDesignDefaults.width && h >= cardDesignDefaults.height;
}

/** The card cropped from the lead image `bytes`: upright, the card's size, sRGB, as a JPEG. */
export async function croppedLead(bytes: Uint8Array, options: CropOptions): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(bytes)
    .rotate()
    .resize({
      width: cardDesignDefaults.width,
      height: cardDesignDefaults.height,
      fit: "cover",
      position: options.position,
    })
    .toColourspace("srgb")
    .jpeg(options.jpeg)
    .toBuffer();
}
