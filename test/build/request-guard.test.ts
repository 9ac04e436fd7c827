// What the dev server refuses before it looks for a file.
import { describe, expect, it } from "vitest";
import { badRequestReason, requestGuard } from "../../src/build/request-guard.ts";

describe("badRequestReason", () => {
  it.each([
    ["/", undefined],
    ["/2025/08/15/summit/", undefined],
    ["/tags/%E6%9D%B1%E4%BA%AC/", undefined],
    ["/search/?q=a%2Fb", undefined],
    ["/a..b/", undefined],
    ["/..%2f..%2fetc%2fpasswd", "the path holds an encoded slash"],
    ["/..%2F..%2Fetc%2Fpasswd", "the path holds an encoded slash"],
    ["/..%5c..%5cwindows", "the path holds an encoded slash"],
    ["/%2e%2e/%2e%2e/etc/passwd", "the path climbs out with .."],
    ["/../etc/passwd", "the path climbs out with .."],
    ["/%E0%A4%A", "the path is not valid percent-encoded UTF-8"],
    ["/%zz", "the path is not valid percent-encoded UTF-8"],
    ["/a%00b", "the path holds a NUL character"],
    ["*", "the path does not start with /"],
  ])("%s → %s", (url, reason) => {
    expect(badRequestReason(url)).toBe(reason);
  });
});

describe("requestGuard", () => {
  it("answers a refused path with 400 and does not call the next handler", () => {
    const sent: { status?: number; body?: string; next: boolean } = { next: false };
    const res = {
      statusCode: 200,
      setHeader: () => undefined,
      end(body?: string) {
        sent.status = this.statusCode;
        sent.body = body;
      },
    };
    requestGuard({ url: "/..%2fsecret" }, res, () => {
      sent.next = true;
    });
    expect(sent).toEqual({ status: 400, body: "Bad request: the path holds an encoded slash.\n", next: false });
    requestGuard({ url: "/" }, res, () => {
      sent.next = true;
    });
    expect(sent.next).toBe(true);
  });
});
