// The digest's costly indexes kept between production builds, by value: the stories detection found
// (with a fingerprint of everything it read) and the related lists (with the inputs they were scored
// from). The next build compares its own inputs with them and detects or scores again only what an
// edit can reach (site-stories.ts, related-memo.ts), so the result always equals a clean build's.
import { readFile } from "node:fs/promises";
import { damageNotice, frameHeader, readFrames, writeFrames } from "../content/cache-frames.ts";
import { storyFingerprint } from "../stories/story-items.ts";
import type { Story } from "../stories/stories.ts";
import type { DigestMemo } from "./digest-memo.ts";
import { fromColumns, type RelatedColumns, toColumns } from "./related-columns.ts";

const MAGIC = "broadsheet digest cache\t";

/** The file's one entry: what detection and scoring were run with, the stories, the related lists. */
interface Saved {
  storyOptions: string;
  fingerprint: string;
  stories: Story[];
  relatedOptions: string;
  related: RelatedColumns;
}

/**
 * A production build's digest memo (for one build: see DigestMemo.oneBuild), holding what `path`
 * saved for the same code `version`; an absent file, or one of other code, gives an empty memo. Any
 * damage drops the whole file (stories are detected and lists scored again), told in one line
 * through `notice`.
 */
export async function readDigestCache(
  path: string,
  version: string,
  notice: (line: string) => void = (line) => console.warn(line),
): Promise<DigestMemo> {
  const file = await readFile(path).catch(() => undefined);
  if (file === undefined) return { oneBuild: true };
  const read = readFrames<Saved>(file, MAGIC, frameHeader(MAGIC, version));
  const damage = damageNotice("Digest cache", path, read, {
    all: "stories and related lists are made again",
    some: "stories and related lists are made again",
  });
  if (damage !== undefined) notice(damage);
  const [head] = read.entries;
  if (!read.whole || head === undefined || read.entries.length !== 1) return { oneBuild: true };
  const { items, result } = fromColumns(head.related);
  const detection = { stories: head.stories };
  return {
    stories: { options: head.storyOptions, fingerprint: head.fingerprint, detection },
    related: { options: head.relatedOptions, items, result },
    saved: [detection, result],
    oneBuild: true,
  };
}

/** Saves what `memo` holds after a build for the next one; nothing when the digest did not fill it. */
export async function writeDigestCache(path: string, version: string, memo: DigestMemo): Promise<void> {
  const { stories, related } = memo;
  if (!stories?.detection || stories.options === undefined || !related?.items || !related.result) return;
  if (related.options === undefined) return;
  // Reused whole (same options, same inputs): the file already holds them.
  if (memo.saved?.[0] === stories.detection && memo.saved[1] === related.result) return;
  const fingerprint = stories.fingerprint ?? (stories.items ? storyFingerprint(stories.items) : undefined);
  if (fingerprint === undefined) return;
  const saved: Saved = {
    storyOptions: stories.options,
    fingerprint,
    stories: stories.detection.stories,
    relatedOptions: related.options,
    related: toColumns(related.items, related.result),
  };
  await writeFrames(path, frameHeader(MAGIC, version), [saved]);
}
