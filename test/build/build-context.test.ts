// Integration: two builds in one process share no memo (teaser markup, feeds, assets, Markdown).
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../.eleventy.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

// Both sites have articles at the same paths and URLs, so that a memo keyed by anything but the build
// (a URL, a file, a teaser's fields) would hand site B what was made for site A.
const articles = (name: string, tags: string[]) => ({
  "2025/08/ferry.md": articleFile({ title: `${name}: ferry timetable changes`, date: "2025-08-15T09:00:00Z", tags }),
  "2025/08/bridge.md": articleFile(
    { title: `${name}: bridge repairs finish early`, date: "2025-08-16T10:00:00Z", tags, source: `${name} Radio` },
    `The ${name} crew finished on a Tuesday.`,
  ),
});
const settingsOf = (name: string, timeZone: string) => ({
  ...fixtureSettings,
  title: `${name} Ledger`,
  url: `https://${name.toLowerCase()}.example.org`,
  timeZone,
});

type Site = Awaited<ReturnType<typeof makeSite>>;
const sites: Site[] = [];
async function buildSite(name: string, tags: string[], timeZone: string): Promise<Map<string, Buffer>> {
  const site = await makeSite(articles(name, tags), settingsOf(name, timeZone));
  sites.push(site);
  await build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
  return readTree(site.output);
}

let first: Map<string, Buffer>;
let other: Map<string, Buffer>;
let again: Map<string, Buffer>;
beforeAll(async () => {
  // B, then A, then B again: the second B must not differ from the first in any byte.
  first = await buildSite("Beta", ["Transport"], "UTC");
  other = await buildSite("Alpha", ["Transport", "Harbour"], "Pacific/Auckland");
  again = await buildSite("Beta", ["Transport"], "UTC");
}, 120_000);
afterAll(async () => Promise.all(sites.map((site) => site.remove())));

describe("two builds in one process", () => {
  it("built the other site with its own content", () => {
    expect(other.get("index.html")?.toString()).toContain("Alpha: bridge repairs finish early");
  });

  it.each([
    ["A after B", () => other, /Beta|beta\.example/],
    ["B after A", () => again, /Alpha|alpha\.example|Harbour|Auckland/],
  ])("show nothing of the build before (%s)", (_, tree, before) => {
    const mentions = [...tree()].filter(([, bytes]) => before.test(bytes.toString()));
    expect(mentions.map(([path]) => path)).toEqual([]);
  });

  it("give the same site the same bytes, whatever was built in between", () => {
    expect([...again.keys()]).toEqual([...first.keys()]);
    const differing = [...again].filter(([path, bytes]) => !first.get(path)?.equals(bytes)).map(([path]) => path);
    expect(differing).toEqual([]);
  });
});
