// What the dev-server tests share: two fixture articles, and a GET that sends its path byte for byte.
import { request } from "node:http";
import { join } from "node:path";
import { startDevServer } from "../../src/build/dev-server.ts";
import { articleFile } from "./fixture.ts";

/** Two articles on two days, each with its own tag. */
export const devFiles = {
  "summit.md": articleFile({ title: "Leaders meet at the lake summit", date: "2025-08-15T09:00:00Z", tags: ["Lakes"] }),
  "storm.md": articleFile({ title: "Storm closes the coast road", date: "2025-08-16T10:00:00Z", tags: ["Weather"] }),
};

/** GET `path` from the server at `base` with the path sent byte for byte (fetch would normalise it). */
export function getRaw(base: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET", timeout: 5000 }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer for ${path}`)));
    req.on("error", reject);
    req.end();
  });
}

/** Starts the dev server over a fixture site on 127.0.0.1 and a free port, publishing into `.dev`, logging into `log`. */
export function startOnSite(site: { root: string; content: string }, log: (line: string) => void) {
  return startDevServer({
    input: site.content,
    output: join(site.root, ".dev"),
    host: "127.0.0.1",
    port: 0,
    cacheDir: join(site.root, ".cache"),
    log,
  });
}
