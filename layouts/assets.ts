// The stylesheet, the browser scripts and the icon under content-hashed names: what layouts link to
// (`asset()`) and what assets.11ty.ts publishes.
import { readFileSync, statSync } from "node:fs";
import { hashedName } from "../src/publish/hashed-name.ts";

export const FILES = ["site.css", "relative-time.js", "search-page.js", "favicon.svg"] as const;
export type AssetName = (typeof FILES)[number];

/** One asset: its public URL and its text. */
export interface AssetFile {
  url: string;
  content: string;
}

const seen = new Map<AssetName, { mtimeMs: number; file: AssetFile }>();

/** Reads the assets that changed since the last call: once per build, so the dev server sees edits. */
export function refreshAssets(): void {
  for (const name of FILES) {
    const path = new URL(`./assets/${name}`, import.meta.url);
    const { mtimeMs } = statSync(path);
    if (seen.get(name)?.mtimeMs === mtimeMs) continue;
    const content = readFileSync(path, "utf8");
    seen.set(name, { mtimeMs, file: { url: `/assets/${hashedName(name, content)}`, content } });
  }
}

/** An asset as the last `refreshAssets` read it (every page of a build shows the same one). */
export function asset(name: AssetName): AssetFile {
  if (!seen.has(name)) refreshAssets();
  return seen.get(name)!.file;
}
