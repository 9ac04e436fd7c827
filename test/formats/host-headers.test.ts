// The host headers file, and pages that work under its Content-Security-Policy.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { describe, expect, it } from "vitest";
import { build } from "../../.eleventy.ts";
import { contentSecurityPolicy, hostHeaders } from "../../src/formats/host-headers.ts";
import { articleFile, makeSite } from "../helpers/fixture.ts";

register();

describe("hostHeaders", () => {
  it("caches hashed files for a year and serves every page with the policy", () => {
    expect(hostHeaders()).toBe(
      [
        "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        "/media/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        `/*\n  Content-Security-Policy: ${contentSecurityPolicy}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n`,
      ].join("\n"),
    );
  });

  it.each(["unsafe-inline", "unsafe-eval", "*", "http:"])("allows nothing like %s", (source) => {
    expect(contentSecurityPolicy.split(/[; ]/)).not.toContain(source);
    expect(contentSecurityPolicy).not.toContain(`'${source}'`);
  });
});

describe("pages under the policy", () => {
  it("have no inline script, inline style or style attribute, and name hashed assets that exist", async () => {
    const site = await makeSite({ "a.md": articleFile({ title: "A", date: "2025-08-15T09:00:00Z", tags: ["One"] }) });
    await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
    const files = (await readdir(site.output, { recursive: true })).filter((f) => f.endsWith(".html"));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const page = await readFile(join(site.output, file), "utf8");
      // JSON-LD is data, not script: CSP does not run it, so it is the one inline <script> allowed.
      expect(page.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, ""), file).not.toMatch(
        /<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=/,
      );
      for (const [, url] of page.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)) {
        expect(url, file).toMatch(/\.[0-9a-f]{10}\.(css|js|svg)$/);
        await expect(readFile(join(site.output, url!))).resolves.toBeDefined();
      }
    }
    expect(await readFile(join(site.output, "_headers"), "utf8")).toBe(hostHeaders());
    await site.remove();
  });
});
