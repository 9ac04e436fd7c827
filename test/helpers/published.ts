// What the publisher's tests share: three pages (one in Ukrainian), publishing pages into an output folder,
// and an old time that shows whether a file was written again.
import { readlinkSync, statSync, utimesSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Publisher } from "../../src/publish/publisher.ts";

/** Three pages by output path. */
export const files: Record<string, string> = {
  "index.html": "<p>home</p>",
  "2025/08/15/summit/index.html": "<p>summit — Київ</p>",
  "tags/index.html": "<p>tags</p>",
};

/** One publish of `pages` (path → content) into `out`, each page keyed `k:<path>` unless `keys` says otherwise. */
export async function publishPages(out: string, pages: Record<string, string>, keys: Record<string, string> = {}) {
  const publisher = new Publisher(out);
  for (const [path, content] of Object.entries(pages)) publisher.add(path, content, keys[path] ?? `k:${path}`);
  return await publisher.commit();
}

/** A time no build writes a file at. */
export const OLD = new Date("2020-01-01T00:00:00Z");

/** Sets the time of each of `files` in `out` to OLD, so that a rewrite shows. */
export function ageFiles(out: string): void {
  for (const path of Object.keys(files)) utimesSync(join(out, path), OLD, OLD);
}

/** The modification time of a file of the output `out`. */
export const mtimeIn = (out: string, path: string) => statSync(join(out, path)).mtimeMs;

/** The folder of the version the output `out` links to now. */
export const versionOf = (out: string) => resolve(dirname(out), readlinkSync(out));
