// The stylesheet, the browser scripts and the icon under content-hashed names: what layouts link to
// (`asset()`) and what assets.11ty.ts publishes.
import { readFileSync } from "node:fs";
import { type BuildContext, memoSlot } from "../src/digest/build-context.ts";
import { hashedName } from "../src/publish/hashed-name.ts";

export const FILES = ["site.css", "relative-time.js", "search-page.js", "favicon.svg"] as const;
export type AssetName = (typeof FILES)[number];

/** One asset: its public URL and its text. */
export interface AssetFile {
  url: string;
  content: string;
}

// Read once per build, at the first page that links to one: every page of a build shows the same
// files, and the next build (a dev rebuild after an edit to the stylesheet) reads them again.
const ASSETS = memoSlot(
  () =>
    // One entry per name of FILES, so every AssetName has its file.
    Object.fromEntries(
      FILES.map((name) => {
        const content = readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");
        return [name, { url: `/assets/${hashedName(name, content)}`, content }];
      }),
    ) as Record<AssetName, AssetFile>,
);

/** Every asset as this build read it. */
export function assetFiles(context: BuildContext): AssetFile[] {
  return FILES.map((name) => asset(context, name));
}

/** One asset as this build read it. */
export function asset(context: BuildContext, name: AssetName): AssetFile {
  return context.memo(ASSETS)[name];
}
