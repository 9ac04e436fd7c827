// File-system failures of the output folder, told as one plain line naming the path and what to do:
// they are the author's machine's problems, not Broadsheet's, so no stack trace.
import { join, relative } from "node:path";
import { DigestError } from "../content/errors.ts";
import { existingAncestor } from "./manifest.ts";

/** The output folder could not be written; the previous output was left as it was. */
export class OutputError extends DigestError {
  override name = "OutputError";
  /** The error code of the failure (`EACCES`, `ENOSPC`, …). */
  readonly code: string;
  constructor(message: string, code: string, cause?: unknown) {
    super(message, { cause });
    this.code = code;
  }
}

/** What to say for each error code: `%s` is the path. */
const MESSAGES: Record<string, string> = {
  EACCES: "%s is not writable: check its permissions",
  EPERM: "%s is not writable: check its permissions and attributes (lsattr)",
  EROFS: "%s is on a read-only file system: mount it writable or build into another folder",
  ENOSPC: "there is no space left on the disk that holds %s: free some space and build again",
  EDQUOT: "the disk quota is used up on the disk that holds %s: free some space and build again",
  ENOTDIR: "%s is not a folder, or a file stands where one of its folders should be: move or remove that file",
  EISDIR: "%s is a folder where the build writes a file: move or remove that folder",
  EEXIST: "%s is in the way of the output: move or remove it",
  EMFILE: "too many open files while writing %s: raise the limit (ulimit -n) and build again",
  ENFILE: "too many open files on this system while writing %s: close some programs and build again",
};

/** Codes that `outputError` turns into an OutputError. */
export const OUTPUT_ERROR_CODES: readonly string[] = Object.keys(MESSAGES);

/**
 * The author-facing OutputError for a failed file-system call on the output (path shown relative to
 * `cwd`, or `fallback` when the error names none; `locate` may move it to what exists), or the error
 * itself when it is not one of those.
 */
export function outputError(
  error: unknown,
  fallback: string,
  locate: (path: string, code: string) => string = (path) => path,
  cwd = process.cwd(),
): unknown {
  if (error instanceof OutputError || !(error instanceof Error)) return error;
  const { code, path } = error as NodeJS.ErrnoException;
  const template = code === undefined ? undefined : MESSAGES[code];
  if (code === undefined || template === undefined) return error;
  const located = locate(path ?? fallback, code);
  // Inside the project, relative to it; elsewhere, the whole path.
  const inside = relative(cwd, located);
  const shown = inside === "" ? "." : inside.startsWith("..") ? located : inside;
  return new OutputError(template.replace("%s", shown), code, error);
}

/**
 * The path to name for a failure while a version is assembled in `staging`: for a refused write, the
 * nearest folder that exists (the one that refused); for a file or folder in the way inside the new
 * version, where it would be in the output `outDir`.
 */
export function failedPath(path: string, code: string, staging: string, outDir: string): string {
  if (["EACCES", "EPERM", "EROFS"].includes(code)) return existingAncestor(path);
  return path.startsWith(`${staging}/`) ? join(outDir, path.slice(staging.length + 1)) : path;
}

/** Files of the output were changed or removed by hand since they were published: the output was left as it was. */
export class OutputChangedError extends DigestError {
  override name = "OutputChangedError";
  /** The changed files, relative to the output folder. */
  readonly files: readonly string[];
  /** What changed, in words: "dist/a.html and 2 more changed or went missing since they were published". */
  readonly changed: string;
  constructor(outDir: string, files: readonly string[]) {
    const shown = relative(process.cwd(), outDir) || outDir;
    const named = files.slice(0, 3).map((file) => `${shown}/${file}`);
    const more = files.length > 3 ? ` and ${(files.length - 3).toLocaleString("en-US")} more` : "";
    const changed = `${named.join(", ")}${more} changed or went missing since ${files.length === 1 ? "it was" : "they were"} published`;
    super(`${changed}: the output was left as it was; build again to check every file.`);
    this.files = files;
    this.changed = changed;
  }
}
