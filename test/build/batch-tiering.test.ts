// A build gives V8 its own tiering back over a previous output (leaveBatch, src/cli/start-up.js): such
// a build spends its time in loops over every article. A first build keeps the batch settings.
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { leaveBatch } from "../../src/cli/start-up.js";
import { build } from "../../src/build/production.ts";
import { articleFile, fixtureSettings, makeSite } from "../helpers/fixture.ts";

vi.mock("../../src/cli/start-up.js", async (original) => ({
  ...(await original<typeof import("../../src/cli/start-up.js")>()),
  leaveBatch: vi.fn(),
}));

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

const sites: { remove: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const site of sites.splice(0)) await site.remove();
});

describe("a build's V8 settings", () => {
  it("keeps the batch settings for a first build, and gives V8 its own back over a previous output", async () => {
    const site = await makeSite(
      { "ferry.md": articleFile({ title: "Ferry returns to the harbour", date: "2025-08-15T09:00:00Z" }) },
      { ...fixtureSettings, search: false },
    );
    sites.push(site);
    const options = { input: site.content, output: site.output, cacheDir: join(site.root, ".cache") };
    await build(options);
    expect(leaveBatch).not.toHaveBeenCalled();
    await build(options);
    expect(leaveBatch).toHaveBeenCalledTimes(1);
  });
});
