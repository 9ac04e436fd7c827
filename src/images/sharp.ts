// sharp, loaded when an image is first read, cropped or encoded. Loading it maps libvips and the
// libraries it ships with (about 18 MB resident), which a site without images (every card generated,
// which sharp does not draw) would otherwise hold through its whole build, beside Pagefind's peak.
import type sharpFunction from "sharp";

/** sharp's default export, loaded on first use (the module loader keeps it: later calls cost nothing). */
export async function loadSharp(): Promise<typeof sharpFunction> {
  return (await import("sharp")).default;
}
