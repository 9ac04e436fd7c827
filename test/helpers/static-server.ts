// A static server for a built site on localhost, as a static host would serve it: the site's own
// `_headers` (its Content-Security-Policy among them), gzip, `/x/` → x/index.html, and 404.html
// with status 404 for anything else. Browser tests and the Lighthouse gate run against it.
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";

/** Content types by file extension; anything else is served as bytes. */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".avif": "image/avif",
  ".webp": "image/webp",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".wasm": "application/wasm",
};
const BYTES = "application/octet-stream";

/** One rule of a `_headers` file: a path pattern and the headers for the paths it matches. */
export interface HeaderRule {
  pattern: RegExp;
  headers: [name: string, value: string][];
}

/** Parses the `_headers` format Netlify and Cloudflare Pages read: a path line, then indented `Name: value` lines. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*");
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
      continue;
    }
    const colon = line.indexOf(":");
    const rule = rules.at(-1);
    if (rule && colon > 0) rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

/** A running server: its base URL (no trailing slash) and how to stop it. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** The file a URL path names in `root`, or undefined when there is none (or the path leaves root). */
async function fileFor(root: string, path: string): Promise<{ file: string } | { redirect: string } | undefined> {
  const relative = normalize(path).replace(/^[/\\]+/, "");
  if (relative.split(sep).includes("..")) return undefined;
  const full = join(root, relative);
  const info = await stat(full).catch(() => undefined);
  if (info?.isFile()) return { file: full };
  if (!info?.isDirectory()) return undefined;
  // A folder without its slash is redirected, as static hosts do, so relative links keep working.
  if (!path.endsWith("/")) return { redirect: `${path}/` };
  const index = join(full, "index.html");
  return (await stat(index).catch(() => undefined))?.isFile() ? { file: index } : undefined;
}

/** Serves `root` on 127.0.0.1 at a free port. */
export async function serveSite(root: string): Promise<StaticServer> {
  const rules = parseHeaders(await readFile(join(root, "_headers"), "utf8").catch(() => ""));
  const send = async (
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    file: string,
    path: string,
  ) => {
    const type = TYPES[extname(file).toLowerCase()] ?? BYTES;
    let body = await readFile(file);
    response.statusCode = status;
    response.setHeader("Content-Type", type);
    for (const rule of rules)
      if (rule.pattern.test(path)) for (const [name, value] of rule.headers) response.setHeader(name, value);
    // Static hosts compress text; without it Lighthouse's simulated network would time a slower site.
    if (
      /^(text\/|application\/(json|xml|javascript)|image\/svg)/.test(type) &&
      /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))
    ) {
      body = gzipSync(body);
      response.setHeader("Content-Encoding", "gzip");
      response.setHeader("Vary", "Accept-Encoding");
    }
    response.setHeader("Content-Length", body.length);
    response.end(request.method === "HEAD" ? undefined : body);
  };
  const server = createServer((request, response) => {
    const handle = async () => {
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.writeHead(405, { Allow: "GET, HEAD" }).end();
        return;
      }
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      const found = await fileFor(root, path);
      if (found && "redirect" in found) response.writeHead(301, { Location: found.redirect }).end();
      else if (found) await send(request, response, 200, found.file, path);
      else await send(request, response, 404, join(root, "404.html"), path);
    };
    handle().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
