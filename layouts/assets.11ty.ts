// The stylesheet and the browser script, served from /assets/ under content-hashed names.
import { readFileSync, statSync } from "node:fs";
import { hashedName } from "../src/hashed-name.ts";

const FILES = ["site.css", "relative-time.js", "search-page.js"] as const;
type AssetName = (typeof FILES)[number];

/** One asset: its public URL and its text. */
export interface AssetFile {
  url: string;
  content: string;
}

const seen = new Map<AssetName, { mtimeMs: number; file: AssetFile }>();

/** An asset as it is now: read again only when the file changed, so the dev server sees edits. */
export function asset(name: AssetName): AssetFile {
  const path = new URL(`./assets/${name}`, import.meta.url);
  const { mtimeMs } = statSync(path);
  const known = seen.get(name);
  if (known?.mtimeMs === mtimeMs) return known.file;
  const content = readFileSync(path, "utf8");
  const file = { url: `/assets/${hashedName(name, content)}`, content };
  seen.set(name, { mtimeMs, file });
  return file;
}

export default {
  data: () => ({
    pagination: { data: "assetFiles", size: 1, alias: "file" },
    assetFiles: FILES.map(asset),
    permalink: ({ file }: { file: AssetFile }) => file.url,
    eleventyExcludeFromCollections: true,
  }),
  render: ({ file }: { file: AssetFile }) => file.content,
};
