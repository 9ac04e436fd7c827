import { describe, expect, it } from "vitest";
import { teaser } from "../../layouts/parts.ts";
import type { Teaser } from "../../src/digest/view-model.ts";
import { createBuildContext } from "../../src/digest/build-context.ts";

const context = createBuildContext();

const item: Teaser = {
  url: "/2025/08/16/storm/",
  title: "Storm & surge",
  published: { iso: "2025-08-16T08:00:00Z", text: "16 August 2025, 09:00" },
  summary: "Gales reach the coast.",
  tags: [{ url: "/tags/weather/", label: "Weather" }],
  draft: false,
};

describe("teaser", () => {
  it("gives the heading level asked for, each time the same teaser is listed", () => {
    expect(teaser(context, item, 3).value).toContain(
      '<h3 dir="auto"><a href="/2025/08/16/storm/">Storm &amp; surge</a></h3>',
    );
    expect(teaser(context, item, 2).value).toContain(
      '<h2 dir="auto"><a href="/2025/08/16/storm/">Storm &amp; surge</a></h2>',
    );
    expect(teaser(context, item, 3).value).toBe(teaser(context, item, 3).value);
  });

  it("lists the tags given (shared tags under related articles) after the same headline", () => {
    const shared = teaser(context, item, 3, [{ url: "/tags/coast/", label: "Coast" }], "Shared tags").value;
    expect(shared).toContain('<h3 dir="auto"><a');
    expect(shared).toContain(
      '<p class="visually-hidden">Shared tags:</p><ul class="tags"><li><a href="/tags/coast/" rel="tag" dir="auto">Coast</a></li></ul>',
    );
    expect(shared).not.toContain("Weather");
    expect(teaser(context, item).value).toContain("Weather");
  });

  it("shows each teaser's own headline: another teaser is never given one made before", () => {
    const other = { ...item, url: "/2025/08/17/calm/", title: "Calm returns" };
    expect(teaser(context, other).value).toContain('<a href="/2025/08/17/calm/">Calm returns</a>');
    expect(teaser(context, item).value).not.toContain("Calm returns");
  });
});
