import { describe, expect, it } from "vitest";
import { hashedName } from "../../src/publish/hashed-name.ts";

describe("hashedName", () => {
  it.each([
    ["site.css", "body{}", /^site\.[0-9a-f]{10}\.css$/],
    ["relative-time.js", "x", /^relative-time\.[0-9a-f]{10}\.js$/],
    ["archive.tar.gz", "x", /^archive\.tar\.[0-9a-f]{10}\.gz$/],
    ["LICENSE", "x", /^LICENSE\.[0-9a-f]{10}$/],
    [".hidden", "x", /^\.hidden\.[0-9a-f]{10}$/],
  ])("%s gets its hash before the extension", (name, content, pattern) => {
    expect(hashedName(name, content)).toMatch(pattern);
  });

  it("changes with the content and only with it", () => {
    expect(hashedName("a.css", "one")).toBe(hashedName("a.css", "one"));
    expect(hashedName("a.css", "one")).not.toBe(hashedName("a.css", "two"));
    expect(hashedName("a.css", "é")).toBe(hashedName("a.css", Buffer.from("é")));
  });
});
