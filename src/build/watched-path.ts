// Which file an edit reported by Eleventy's watcher names: its reports are relative to a folder that
// depends on where the code and the site are.
import { existsSync } from "node:fs";
import { resolve, sep } from "node:path";

/**
 * The file a watcher report names. Eleventy 3.1 reports an absolute path as if relative to the
 * project ("./tmp/site/content/a.md" for "/tmp/site/content/a.md"), or relative to the folder that
 * holds every watched file, the code's included ("site/content/a.md" when the code is in /tmp/code):
 * of the readings, the one inside the content folder is meant, one that exists first. Without this
 * an edit would be taken for no change.
 */
export function watchedPath(reported: string, contentDir: string): string {
  const content = resolve(contentDir);
  const inside = `${content}${sep}`;
  // The watcher's folder holds the configuration too, so it is above the content folder, never in it.
  const folders = content
    .split(sep)
    .slice(0, -1)
    .map((_, i, parts) => parts.slice(0, i + 1).join(sep) || sep);
  const readings = [
    resolve(reported),
    ...(reported.startsWith("./") ? [`/${reported.slice(2)}`] : []),
    ...folders.map((folder) => resolve(folder, reported)),
  ].filter((path) => path.startsWith(inside));
  return readings.find((path) => existsSync(path)) ?? readings[0] ?? resolve(reported);
}
