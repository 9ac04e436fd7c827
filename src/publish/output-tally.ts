// The output counted by kind (pages, feeds, media, cards, search): what the host budget judges and the
// benchmark reports.

/** What an output file is, for the tally. */
export type OutputKind = "pages" | "feeds" | "media" | "cards" | "search" | "other";
/** Every kind, in the order reports list them. */
export const KINDS: readonly OutputKind[] = ["pages", "feeds", "media", "cards", "search", "other"];

/** Files and bytes. */
export interface OutputSize {
  files: number;
  bytes: number;
}

/** The output counted by kind, with what a per-file or per-folder limit looks at. */
export interface OutputTally {
  kinds: Record<OutputKind, OutputSize>;
  total: OutputSize;
  largestFile: { path: string; bytes: number } | null;
  fullestFolder: { path: string; files: number } | null;
}

/** The kind of an output file from its path in the output folder. */
export function outputKind(path: string): OutputKind {
  if (path.startsWith("pagefind/")) return "search";
  // Cards are named <name>-<10 hex>.png (generated) or <name>-<10 hex>-card.jpg (a cropped lead image).
  if (path.startsWith("media/")) return /-[0-9a-f]{10}(?:\.png|-card\.jpg)$/.test(path) ? "cards" : "media";
  if (path.endsWith(".html")) return "pages";
  if (path.startsWith("feeds/") || path.endsWith(".xml")) return "feeds";
  return "other";
}

/** Counts `files` (output path and size in bytes) by kind, and finds the largest file and fullest folder. */
export function tallyOutput(files: Iterable<readonly [string, number]>): OutputTally {
  const kinds = Object.fromEntries(KINDS.map((k) => [k, { files: 0, bytes: 0 }])) as Record<OutputKind, OutputSize>;
  const total = { files: 0, bytes: 0 };
  const folders = new Map<string, number>();
  let largestFile: OutputTally["largestFile"] = null;
  for (const [path, bytes] of files) {
    const kind = kinds[outputKind(path)];
    kind.files++;
    kind.bytes += bytes;
    total.files++;
    total.bytes += bytes;
    if (!largestFile || bytes > largestFile.bytes) largestFile = { path, bytes };
    const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
    folders.set(folder, (folders.get(folder) ?? 0) + 1);
  }
  let fullestFolder: OutputTally["fullestFolder"] = null;
  for (const [path, count] of folders)
    if (!fullestFolder || count > fullestFolder.files) fullestFolder = { path, files: count };
  return { kinds, total, largestFile, fullestFolder };
}
