// axe-core on every kind of page, in both colour schemes (its own file, so it runs beside pages.test.ts).
import { AxeBuilder } from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import { pageKinds, viewports } from "./pages.ts";
import { pageFor } from "./visit.ts";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

describe.for(pageKinds)("the $name page", (kind) => {
  const { visit, page: current } = pageFor(kind);

  it.for(["light", "dark"] as const)("has no axe violations at WCAG 2.2 AA in the %s scheme", async (colorScheme) => {
    await visit(viewports.desktop, colorScheme);
    const results = await new AxeBuilder({ page: current() }).withTags(WCAG).analyze();
    const violations = results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")}: ${n.failureSummary}`).join("\n")}`,
    );
    expect(violations).toEqual([]);
  });
});
