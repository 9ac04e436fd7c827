// File-system failures of the output become one plain line naming the path and what to do.
import { describe, expect, it } from "vitest";
import { DigestError } from "../../src/content/errors.ts";
import { OUTPUT_ERROR_CODES, OutputError, outputError } from "../../src/publish/output-error.ts";

/** An error as node:fs raises it. */
const fsError = (code: string, path?: string) =>
  Object.assign(new Error(`${code}: raw message, rename '${path}'`), { code, ...(path ? { path } : {}) });

describe("outputError", () => {
  it.each([
    ["EACCES", "/site/dist/feeds", "dist/feeds is not writable: check its permissions"],
    ["EPERM", "/site/dist.builds", "dist.builds is not writable: check its permissions and attributes (lsattr)"],
    ["EROFS", "/site/dist", "dist is on a read-only file system: mount it writable or build into another folder"],
    [
      "ENOSPC",
      "/site/dist/a.html",
      "there is no space left on the disk that holds dist/a.html: free some space and build again",
    ],
    ["EDQUOT", "/site/dist", "the disk quota is used up on the disk that holds dist: free some space and build again"],
    [
      "ENOTDIR",
      "/site/dist/x",
      "dist/x is not a folder, or a file stands where one of its folders should be: move or remove that file",
    ],
    [
      "EISDIR",
      "/site/dist/index.html",
      "dist/index.html is a folder where the build writes a file: move or remove that folder",
    ],
    ["EEXIST", "/site/dist/tags", "dist/tags is in the way of the output: move or remove it"],
    [
      "EMFILE",
      "/site/dist/x.html",
      "too many open files while writing dist/x.html: raise the limit (ulimit -n) and build again",
    ],
    [
      "ENFILE",
      "/site/dist/x.html",
      "too many open files on this system while writing dist/x.html: close some programs and build again",
    ],
  ])("%s on %s", (code, path, message) => {
    const error = outputError(fsError(code, path), "/site/dist", undefined, "/site");
    expect(error).toBeInstanceOf(OutputError);
    expect(error).toBeInstanceOf(DigestError);
    expect((error as OutputError).message).toBe(message);
    expect((error as OutputError).code).toBe(code);
    // One line, no stack trace for the author, the raw error kept as the cause.
    expect((error as OutputError).message).not.toContain("\n");
    expect((error as OutputError).skipOriginalStack).toBe(true);
    expect((error as OutputError).cause).toBeInstanceOf(Error);
  });

  it("covers every code the issue names", () => {
    for (const code of ["EACCES", "EROFS", "ENOSPC", "ENOTDIR", "EISDIR", "EMFILE"])
      expect(OUTPUT_ERROR_CODES).toContain(code);
  });

  it("names the fallback when the error has no path, and a path outside the project in full", () => {
    expect((outputError(fsError("ENOSPC"), "/site/dist", undefined, "/site") as Error).message).toContain(
      "holds dist:",
    );
    expect((outputError(fsError("EACCES", "/elsewhere/out"), "/site/dist", undefined, "/site") as Error).message).toBe(
      "/elsewhere/out is not writable: check its permissions",
    );
  });

  it("moves the path where `locate` says", () => {
    const error = outputError(
      fsError("EACCES", "/site/dist.builds/1-ab/feeds/rss.xml"),
      "/site/dist",
      () => "/site/dist.builds",
      "/site",
    );
    expect((error as Error).message).toBe("dist.builds is not writable: check its permissions");
  });

  it("passes other errors through unchanged", () => {
    const other = fsError("ENOENT", "/site/dist");
    expect(outputError(other, "/site/dist", undefined, "/site")).toBe(other);
    const plain = new TypeError("a bug");
    expect(outputError(plain, "/site/dist")).toBe(plain);
    expect(outputError("a string", "/site/dist")).toBe("a string");
  });
});
