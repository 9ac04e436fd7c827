// The proof that the output switches at once: a small site's build killed (SIGKILL, SIGINT) at about
// twenty steps spread over the whole build, the switch included. The long version is `npm run test:faults`.
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleFile, fixtureSettings, makeSite } from "../helpers/fixture.ts";
import { type KillResult, runFaults } from "./fault-run.ts";

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

const SOURCES = ["The Harbour Ledger", "Valley Radio", "The Morning Lantern"];
const TAGS = ["Harbour", "Rail", "Schools", "Weather", "Markets", "Parks"];
const files = Object.fromEntries(
  Array.from({ length: 20 }, (_, i) => [
    `story-${i}.md`,
    articleFile(
      {
        title: `Story number ${i} from the river towns`,
        date: `2025-08-${String(10 + (i % 6)).padStart(2, "0")}T${String(3 + i).padStart(2, "0")}:00:00Z`,
        source: SOURCES[i % SOURCES.length],
        tags: [TAGS[i % TAGS.length], TAGS[(i * 5 + 1) % TAGS.length]],
      },
      `Paragraph one of story ${i}.\n\nParagraph two, with a [link](https://example.org/${i}).`,
    ),
  ]),
);

let site: Awaited<ReturnType<typeof makeSite>>;
let results: KillResult[];
const commitSteps = ["files written", "manifest written", "link made", "switched", "cleaned up"];

beforeAll(async () => {
  site = await makeSite(files, { ...fixtureSettings, search: false });
  results = await runFaults(site, (steps) => {
    // Fifteen points spread evenly over every step, and each step of the commit (the switch among them).
    const spread = Array.from({ length: 15 }, (_, i) => 1 + Math.floor((i * (steps.length - 1)) / 14));
    const commit = commitSteps.map((name) => steps.indexOf(name) + 1);
    return [...new Set([...spread, ...commit])]
      .sort((a, b) => a - b)
      .map((step, i) => ({ step, signal: i % 2 === 0 ? "SIGKILL" : "SIGINT" }));
  });
  console.log(results.map((r) => `${r.step} ${r.name} ${r.signal}: ${r.found}`).join("\n"));
}, 600_000);
afterAll(() => site?.remove());

describe("fault injection: a build killed at any step", () => {
  it("is killed at about twenty steps from the first to the last, the switch included, with both signals", () => {
    expect(results.length).toBeGreaterThanOrEqual(18);
    expect(results[0]?.step).toBe(1);
    const names = new Set(results.map((r) => r.name));
    for (const name of ["publisher made", "file added", ...commitSteps]) expect(names).toContain(name);
    expect(new Set(results.map((r) => r.signal))).toEqual(new Set(["SIGKILL", "SIGINT"]));
  });

  it("leaves dist/ exactly the old site or exactly the new one, never a mix", () => {
    for (const r of results) expect(r.found, `${r.signal} at step ${r.step} (${r.name})`).not.toBe("mixed");
    // SIGKILL before the switch leaves the old site, after it the new one. A SIGINT is handled once the
    // synchronous switch is over, so from the end of the writes on it may find the new site complete.
    const switched = results.findIndex((r) => r.name === "switched");
    for (const [i, r] of results.entries())
      if (r.signal === "SIGKILL") expect(r.found, `SIGKILL at ${r.name}`).toBe(i < switched ? "old" : "new");
    expect(results.filter((r) => r.found === "old").length).toBeGreaterThanOrEqual(14);
  });

  it("stale-page case: the next build, with the change reverted, equals a clean build", () => {
    for (const r of results) expect(r.recovered, `${r.signal} at step ${r.step} (${r.name})`).toBe(true);
  });

  it("removes the staging folders of the killed builds on the next build", () => {
    // The current version and the one it replaced, each a folder and a manifest.
    for (const r of results) expect(r.leftovers, `${r.signal} at step ${r.step}`).toBeLessThanOrEqual(4);
  });
});
