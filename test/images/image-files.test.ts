import { describe, expect, it } from "vitest";
import { imagePath } from "../../src/images/image-files.ts";

describe("imagePath", () => {
  const root = "/site";
  it.each([
    ["./photo.jpg", "/site/content/articles/2025/photo.jpg"],
    ["photo.jpg", "/site/content/articles/2025/photo.jpg"],
    ["../shared/map.png", "/site/content/articles/shared/map.png"],
    ["../../../content/x.jpg", "/site/content/x.jpg"],
    ["..photo.jpg", "/site/content/articles/2025/..photo.jpg"],
    ["São Marcos.jpg", "/site/content/articles/2025/São Marcos.jpg"],
    ["../../../etc/passwd", null],
    ["../../../../etc/passwd", null],
    ["/etc/passwd", null],
    ["../../../content-other/x.jpg", null],
  ])("%s", (written, expected) => {
    expect(imagePath(root, "/site/content", "content/articles/2025/a.md", written)).toBe(expected);
  });
});
