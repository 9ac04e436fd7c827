// The browser suite's static server: as a static host serves the site, or the suite would test the wrong thing.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostHeaders } from "../../src/formats/host-headers.ts";
import { parseHeaders, serveSite, type StaticServer } from "./static-server.ts";

describe("parseHeaders", () => {
  it("reads the site's own _headers file into rules", () => {
    const rules = parseHeaders(hostHeaders("/news/"));
    const matching = (path: string) => rules.flatMap((r, i) => (r.pattern.test(path) ? [i] : []));
    expect([
      matching("/news/assets/site.1234567890.css"),
      matching("/news/tags/"),
      matching("/tags/"),
      matching("/news/media.html"),
    ]).toEqual([[0, 2], [2], [], [2]]);
    expect(rules[2]?.headers.map(([name]) => name)).toEqual([
      "Content-Security-Policy",
      "X-Content-Type-Options",
      "Referrer-Policy",
    ]);
  });

  it("reads nothing from an empty file", () => {
    expect(parseHeaders("")).toEqual([]);
  });
});

describe("serveSite", () => {
  let root: string;
  let server: StaticServer;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "broadsheet-serve-"));
    await mkdir(join(root, "tags"));
    await writeFile(join(root, "index.html"), "<h1>Home</h1>");
    await writeFile(join(root, "tags", "index.html"), "<h1>Tags</h1>");
    await writeFile(join(root, "404.html"), "<h1>Page not found</h1>");
    await writeFile(join(root, "site.css"), "body{}");
    await writeFile(join(root, "_headers"), hostHeaders());
    server = await serveSite(root);
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    { path: "/", status: 200, type: "text/html; charset=utf-8", body: "<h1>Home</h1>" },
    { path: "/tags/", status: 200, type: "text/html; charset=utf-8", body: "<h1>Tags</h1>" },
    { path: "/site.css", status: 200, type: "text/css; charset=utf-8", body: "body{}" },
    { path: "/missing/", status: 404, type: "text/html; charset=utf-8", body: "<h1>Page not found</h1>" },
  ])("serves $path with status $status", async ({ path, status, type, body }) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe(type);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await response.text()).toBe(body);
  });

  it("redirects a folder without its slash", async () => {
    const response = await fetch(`${server.url}/tags`, { redirect: "manual" });
    expect([response.status, response.headers.get("location")]).toEqual([301, "/tags/"]);
  });
});
