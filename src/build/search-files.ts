// The dev server's search index lives beside its output (`.dev.search/pagefind/`), not in it: the
// output is a link to versions the Publisher switches and reuses, and an index written into one of
// them in the background would land in a version the next rebuild renames, or be lost with it. This
// middleware serves `/pagefind/…` from that folder.
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import type { GuardedRequest, GuardedResponse } from "./request-guard.ts";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * A connect-style middleware answering requests under `url` (such as `/pagefind/`) with the files of
 * `dir`; any other request, or a file that is not there, goes on to the next handler. Runs after the
 * request guard, which has refused paths that climb out.
 */
export function serveFolder(url: string, dir: string) {
  return async (req: GuardedRequest, res: GuardedResponse, next: () => unknown): Promise<unknown> => {
    const path = decodeURIComponent((req.url ?? "").split(/[?#]/, 1)[0] ?? "");
    if (!path.startsWith(url)) return next();
    const bytes = await readFile(join(dir, path.slice(url.length))).catch(() => undefined);
    if (bytes === undefined) return next();
    res.statusCode = 200;
    res.setHeader("Content-Type", TYPES[extname(path)] ?? "application/octet-stream");
    return res.end(bytes);
  };
}
