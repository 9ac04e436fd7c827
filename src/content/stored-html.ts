// Rendered body HTML that stays in the Markdown cache file until a page, a feed or a search record
// needs it: at 100,000 articles the bodies are most of what a build would otherwise hold in its heap.
import { closeSync, openSync, readSync } from "node:fs";
import type { RenderedBody } from "./markdown.ts";

/** An open cache file whose frames were verified when it was read; bodies are read from it by position. */
export interface HtmlFile {
  /** Descriptor of the file as it was read: a cache written anew later (a rename) leaves it pointing at these bytes. */
  readonly fd: number;
}

/** A body's HTML left in a cache file: `bytes` bytes of UTF-8 at `offset`. */
export interface StoredHtml {
  readonly file: HtmlFile;
  readonly offset: number;
  readonly bytes: number;
}

/** A body's HTML: the text itself, or where it lies in a cache file. */
export type BodyHtml = string | StoredHtml;

/** A rendered body as the Markdown cache holds it: its HTML in memory, or left in the cache file. */
export type CachedBody = Omit<RenderedBody, "html"> & { html: BodyHtml };

// A descriptor is closed once nothing refers to its file any more: the articles of a build, or of a
// dev server's rebuilds, may outlive the build that read the cache.
const closing = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to do.
  }
});

/** Opens `path` for positioned reads of the bodies in it (throws as openSync does when it is missing). */
export function openHtmlFile(path: string): HtmlFile {
  const file = { fd: openSync(path, "r") };
  closing.register(file, file.fd);
  return file;
}

/** The HTML itself: read from its cache file when it was left there. */
export function htmlOf(body: BodyHtml): string {
  if (typeof body === "string") return body;
  const buffer = Buffer.allocUnsafe(body.bytes);
  let read = 0;
  while (read < body.bytes) {
    const got = readSync(body.file.fd, buffer, read, body.bytes - read, body.offset + read);
    if (got === 0) throw new Error(`a cache file ended before the body stored at byte ${body.offset}`);
    read += got;
  }
  return buffer.toString("utf8");
}
