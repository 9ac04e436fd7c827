// What a built site's output holds, by kind (pages, feeds, media, cards, search), read from the
// publisher's manifest beside the output folder: the same tally the host budget judges.
import { readFileSync } from "node:fs";
import { type OutputKind, type OutputTally, tallyOutput } from "../../src/publish/host-budget.ts";

/** The tally of the output folder `outDir`, from `<outDir>.manifest.json`. */
export function outputTally(outDir: string): OutputTally {
  const manifest = JSON.parse(readFileSync(`${outDir}.manifest.json`, "utf8")) as Record<string, { size: number }>;
  return tallyOutput(Object.entries(manifest).map(([path, entry]) => [path, entry.size] as const));
}

const MB = 1024 * 1024;
/** "1,234 files, 45.6 MB" for one kind, or for the whole output when `kind` is left out. */
export function describeOutput(tally: OutputTally, kind?: OutputKind): string {
  const { files, bytes } = kind ? tally.kinds[kind] : tally.total;
  return `${files.toLocaleString("en-US")} files, ${(bytes / MB).toFixed(1)} MB`;
}
