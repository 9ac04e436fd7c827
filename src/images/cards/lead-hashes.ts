// Each lead image's SHA-256, kept beside the card cache by the image's stat: a build that finds a lead
// image as it was takes its hash on a stat instead of reading and hashing its bytes (a photo is often
// hundreds of kilobytes, and a site has thousands). Read with the racy-clean rule of cache-file.ts.
import { createHash } from "node:crypto";
import { appendFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { readIfPresent, statText, statVouches } from "../../publish/cache-file.ts";

/** The lead images' hashes of one build: read from the record once, added to as images are read. */
export interface LeadHashes {
  /** The record file, one line an image: `path<TAB>stat<TAB>sha256`. */
  file: string;
  /** Image path → its stat when last read, and the hash of what was read. */
  known: Map<string, { stat: string; hash: string }>;
}

/** The record `file` as far as it vouches for its images (a damaged line or a racy one is left out). */
export function readLeadHashes(file: string): LeadHashes {
  const known: LeadHashes["known"] = new Map();
  const written = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  for (const line of (readIfPresent(file)?.toString("utf8") ?? "").split("\n")) {
    const [path, stat, hash, extra] = line.split("\t");
    if (path && stat && hash && extra === undefined && /^[0-9a-f]{64}$/.test(hash) && statVouches(stat, written))
      known.set(path, { stat, hash });
  }
  return { file, known };
}

/**
 * The SHA-256 (hex) of the image at `path`, and its bytes when they had to be read: taken from the
 * record when the image's stat is the one recorded, else read, hashed and added to the record.
 */
export async function leadHash(hashes: LeadHashes, path: string): Promise<{ hash: string; bytes?: Buffer }> {
  // The stat comes before the read: a write between them leaves a stale line, never a wrong one.
  const s = statSync(path, { throwIfNoEntry: false });
  const stat = s?.isFile() ? statText(s) : undefined;
  const kept = hashes.known.get(path);
  if (stat !== undefined && kept?.stat === stat) return { hash: kept.hash };
  const bytes = await readFile(path);
  const hash = createHash("sha256").update(bytes).digest("hex");
  // A path with a tab or a line break in it would break its line: such an image is read each build.
  if (stat === undefined || /[\t\n\r]/.test(path)) return { hash, bytes };
  hashes.known.set(path, { stat, hash });
  try {
    appendFileSync(hashes.file, `${path}\t${stat}\t${hash}\n`);
  } catch {
    // A record that cannot be written only costs the next build a read.
  }
  return { hash, bytes };
}
