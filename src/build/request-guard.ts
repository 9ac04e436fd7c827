// What the dev server refuses before it looks for a file: paths that could leave the output folder.

/** Why a request path is refused with 400 Bad Request, or undefined when it may be served. */
export function badRequestReason(rawUrl: string): string | undefined {
  const path = rawUrl.split(/[?#]/, 1)[0] ?? "";
  if (!path.startsWith("/")) return "the path does not start with /";
  // An encoded slash or backslash would let one segment climb out after decoding; no page has one.
  if (/%(2f|5c)/i.test(path)) return "the path holds an encoded slash";
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "the path is not valid percent-encoded UTF-8";
  }
  if (decoded.includes("\0")) return "the path holds a NUL character";
  if (decoded.split(/[/\\]/).some((segment) => segment === "..")) return "the path climbs out with ..";
  return undefined;
}

/** A request the guard's middleware sees: its URL, and how to answer it. */
export interface GuardedRequest {
  url?: string;
}
/** The response side a middleware writes to. */
export interface GuardedResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string | Uint8Array): unknown;
}

/** A connect-style middleware that answers 400 at once to a path `badRequestReason` refuses. */
export function requestGuard(req: GuardedRequest, res: GuardedResponse, next: () => unknown): unknown {
  const reason = badRequestReason(req.url ?? "");
  if (reason === undefined) return next();
  res.statusCode = 400;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  return res.end(`Bad request: ${reason}.\n`);
}
