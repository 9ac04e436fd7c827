// A hash of the code that shapes the pages, so that cached pages are re-rendered after it changes.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Hash of every file under `paths` (folders are read recursively), in a stable order. */
export function codeVersion(paths: readonly string[]): string {
  const hash = createHash("md5");
  const files = paths.flatMap((path) => {
    try {
      return readdirSync(path, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name));
    } catch {
      return [path];
    }
  });
  for (const file of files.sort()) hash.update(file).update(readFileSync(file));
  return hash.digest("base64url");
}
