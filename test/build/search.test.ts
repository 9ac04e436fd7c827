// Integration: a production build writes the Pagefind index through the Publisher, the search page
// with the DOM contract browser tests rely on, a search form in every page's header, and a policy
// that lets the index's WebAssembly run; under a path prefix every URL of it moves.
import { cp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { build, type BuildSummary } from "../../.eleventy.ts";
import { articleFile, fixtureSettings, makeSite, readTree } from "../helpers/fixture.ts";

// Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
register();

const front = {
  bridge: {
    title: "Harbour bridge reopens",
    date: "2025-08-15T09:00:00Z",
    source: "Northbridge Courier",
    tags: ["Transport", "São Marcos"],
  },
  ferry: { title: "Ferry timetable changes", date: "2025-08-16T09:00:00Z", source: "Coast FM", tags: ["Transport"] },
  script: { title: "A <script>alert(1)</script> headline", date: "2025-08-17T09:00:00Z" },
};
const files = {
  "bridge.md": articleFile(front.bridge, "The swing bridge over the harbour opened on Tuesday.\n\nTraffic is light."),
  "ferry.md": articleFile(front.ferry, "Ferries leave the harbour every hour from Monday."),
  // No tags, no source, and markup in the headline and body: all of it stays text.
  "script.md": articleFile(front.script, "Body with <img src=x onerror=alert(1)> and `<mark>` in it."),
};

type Site = Awaited<ReturnType<typeof makeSite>>;
/** One fragment of the index: the record of one article, as Pagefind stored it. */
interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

const rebuild = (site: Site) =>
  build({ input: site.content, output: site.output, cacheDir: join(site.root, ".cache") });
const indexFiles = async (site: Site) =>
  [...(await readTree(site.output)).keys()].filter((p) => p.startsWith("pagefind/"));
/** The fragments of one bundle (gzipped JSON after a signature). */
async function fragments(site: Site, bundle = "2025-08"): Promise<Fragment[]> {
  const paths = (await indexFiles(site)).filter((p) => p.startsWith(`pagefind/${bundle}/fragment/`));
  const texts = await Promise.all(
    paths.map(async (p) => gunzipSync(await readFile(join(site.output, p))).toString("utf8")),
  );
  return texts
    .map((text) => JSON.parse(text.replace(/^pagefind_dcd/, "")) as Fragment)
    .sort((a, b) => (a.url < b.url ? -1 : 1));
}

let site: Site;
let summary: BuildSummary;
beforeAll(async () => {
  site = await makeSite(files);
  summary = await rebuild(site);
});
afterAll(async () => site.remove());

describe("the search index", () => {
  it("holds the JS API, the WebAssembly and one fragment per article, and none of Pagefind's ready-made UI", async () => {
    const paths = await indexFiles(site);
    expect(paths).toEqual(
      expect.arrayContaining([
        "pagefind/pagefind.js",
        "pagefind/shards.json",
        "pagefind/2025-08/pagefind.js",
        "pagefind/2025-08/pagefind-worker.js",
        "pagefind/2025-08/pagefind-entry.json",
        "pagefind/2025-08/wasm.en.pagefind",
      ]),
    );
    expect(paths.filter((p) => p.startsWith("pagefind/2025-08/fragment/"))).toHaveLength(3);
    expect(paths.some((p) => /ui\.(js|css)$|highlight|playground/.test(p))).toBe(false);
    const sizes = await Promise.all(paths.map(async (p) => (await stat(join(site.output, p))).size));
    expect(summary.search).toEqual({ files: paths.length, bytes: sizes.reduce((a, b) => a + b, 0) });
    expect(JSON.parse(await site.page("/pagefind/2025-08/pagefind-entry.json"))).toMatchObject({
      languages: { en: { page_count: 3 } },
    });
  });

  it("records the headline and body only, with meta and filters, at root-relative URLs", async () => {
    const [bridge, ferry, script] = await fragments(site);
    expect(bridge).toMatchObject({
      url: "/2025/08/15/bridge/",
      meta: {
        title: "Harbour bridge reopens",
        source: "Northbridge Courier",
        date: "2025-08-15T09:00:00Z",
        time: expect.stringContaining("2025"),
      },
      filters: { tag: ["Transport", "São Marcos"], source: ["Northbridge Courier"] },
    });
    expect(bridge?.content).toMatch(
      /^Harbour bridge reopens\s+The swing bridge over the harbour opened on Tuesday\.\s+Traffic is light\.$/,
    );
    // Not the related list (ferry shares Transport with it), navigation, tags or footer.
    expect(bridge?.content).not.toMatch(/Ferry|Latest|Fixture Digest|São Marcos|Skip to/);
    expect(ferry?.url).toBe("/2025/08/16/ferry/");
    expect(script).toMatchObject({
      url: "/2025/08/17/script/",
      meta: { title: "A <script>alert(1)</script> headline" },
      filters: { tag: [], source: [] },
    });
    expect(script?.meta).not.toHaveProperty("source");
  });
});

describe("the search page", () => {
  it("has the form, filters, order, results list and status line the browser tests target", async () => {
    const page = await site.page("/search/");
    expect(page).toContain('<input type="search" name="q" id="search-q"');
    expect(page).toMatch(/<select id="search-tag" name="tag"><option value="">All tags<\/option><\/select>/);
    expect(page).toMatch(/<select id="search-source" name="source"><option value="">All sources<\/option><\/select>/);
    expect([...page.matchAll(/<select id="search-sort"[\s\S]*?<\/select>/g)][0]?.[0].match(/value="[a-z]+"/g)).toEqual([
      'value="relevance"',
      'value="newest"',
      'value="oldest"',
    ]);
    expect(page).toContain('<ol id="search-results"');
    expect(page).toMatch(/<p id="search-status" aria-live="polite">Search needs JavaScript/);
    // A plain GET form: without script, submitting it reaches this page with ?q=.
    expect(page).toMatch(/<form class="search-form" role="search" action="\/search\/">/);
    expect(page).toMatch(/<link rel="modulepreload" href="\/pagefind\/pagefind\.js">/);
    const script = /<script type="module" src="(\/assets\/search-page\.[0-9a-f]{10}\.js)"><\/script>/.exec(page)?.[1];
    expect(script).toBeDefined();
    expect(await site.page(script!)).toContain("search-results");
  });

  it("is in every page's header as a labelled search form, and the policy lets WebAssembly run", async () => {
    const pages = [...(await readTree(site.output)).keys()].filter((p) => p.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(8);
    for (const path of pages) {
      const html = await readFile(join(site.output, path), "utf8");
      expect(html, path).toMatch(
        /<header class="site-header">[\s\S]*<form class="site-search" role="search" action="\/search\/">\s*<label class="visually-hidden" for="site-search-q">[^<]+<\/label>\s*<input type="search" name="q" id="site-search-q"[\s\S]*<\/header>/,
      );
    }
    const policy = /Content-Security-Policy: (.*)/.exec(await site.page("/_headers"))?.[1] ?? "";
    expect(policy.split("; ")).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  });
});

describe("rebuilds", () => {
  const OLD = new Date("2020-01-01T00:00:00Z");
  const ageIndex = async (s: Site) => {
    for (const path of await indexFiles(s)) await utimes(join(s.output, path), OLD, OLD);
  };
  const rewritten = async (s: Site) => {
    const paths = await indexFiles(s);
    const times = await Promise.all(paths.map(async (p) => (await stat(join(s.output, p))).mtimeMs));
    return paths.filter((_, i) => times[i] !== OLD.getTime());
  };

  it("rewrite no index file when nothing changed, nor when Pagefind runs again over the same records", async () => {
    const local = await makeSite(files);
    try {
      const first = await rebuild(local);
      await ageIndex(local);
      expect((await rebuild(local)).search).toEqual(first.search);
      expect(await rewritten(local)).toEqual([]);
      // Without the cache's record of the index, Pagefind runs; it makes the same bytes, so nothing is written.
      await rm(join(local.root, ".cache", "search.json"));
      expect((await rebuild(local)).search).toEqual(first.search);
      expect(await rewritten(local)).toEqual([]);
    } finally {
      await local.remove();
    }
  });

  it("write the edited article into the delta bundle, keep its shard's bundle, and name the result it supersedes", async () => {
    const local = await makeSite(files);
    try {
      await rebuild(local);
      const before = (await fragments(local)).find((f) => f.url === "/2025/08/16/ferry/");
      await ageIndex(local);
      await writeFile(
        join(local.content, "articles", "ferry.md"),
        articleFile(front.ferry, "Ferries now leave every half hour."),
      );
      await rebuild(local);
      const written = await rewritten(local);
      // The shard's bundle stays as it was; the delta holds the article as it is now.
      expect(written.filter((p) => p.startsWith("pagefind/2025-08/"))).toEqual([]);
      expect(written.filter((p) => p.startsWith("pagefind/delta/fragment/"))).toHaveLength(1);
      expect((await fragments(local)).find((f) => f.url === "/2025/08/16/ferry/")).toEqual(before);
      const [delta] = await fragments(local, "delta");
      expect(delta?.url).toBe("/2025/08/16/ferry/");
      expect(delta?.content).toContain("every half hour");
      const manifest = JSON.parse(await local.page("/pagefind/shards.json"));
      expect(manifest.map((entry: { path: string }) => entry.path)).toEqual(["2025-08/", "delta/"]);
      expect(manifest[0].superseded).toHaveLength(1);
      // The script and the WebAssembly do not depend on the records.
      expect(written).not.toContain("pagefind/pagefind.js");
    } finally {
      await local.remove();
    }
  });
});

describe("under a path prefix", () => {
  it("moves the header forms, the search page's form and the index script under the prefix; records stay root-relative", async () => {
    const prefixed = await makeSite(files, {
      ...fixtureSettings,
      url: "https://user.example.io",
      pathPrefix: "/news/",
    });
    try {
      await rebuild(prefixed);
      const pages = [...(await readTree(prefixed.output)).keys()].filter((p) => p.endsWith(".html"));
      for (const path of pages)
        expect(await readFile(join(prefixed.output, path), "utf8"), path).toContain(
          '<form class="site-search" role="search" action="/news/search/">',
        );
      const page = await prefixed.page("/search/");
      expect(page).toContain('<form class="search-form" role="search" action="/news/search/">');
      expect(page).toContain('<link rel="modulepreload" href="/news/pagefind/pagefind.js">');
      expect(page).toMatch(/<script type="module" src="\/news\/assets\/search-page\.[0-9a-f]{10}\.js">/);
      expect(await prefixed.page("/_headers")).toContain(
        "/news/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval';",
      );
      // The browser script puts result URLs under the prefix (Pagefind's baseUrl), so the index need not know it.
      expect((await fragments(prefixed)).map((f) => f.url)).toEqual([
        "/2025/08/15/bridge/",
        "/2025/08/16/ferry/",
        "/2025/08/17/script/",
      ]);
    } finally {
      await prefixed.remove();
    }
  });
});

describe("a site that turns search off", () => {
  it("has no search page, no search box and no index, and a later build removes the index it had", async () => {
    const local = await makeSite(files);
    try {
      await rebuild(local);
      expect([...(await readTree(local.output)).keys()].filter((p) => p.startsWith("pagefind/"))).not.toEqual([]);
      await writeFile(join(local.content, "_data", "site.json"), JSON.stringify({ ...fixtureSettings, search: false }));
      const off = await rebuild(local);
      expect(off.search).toEqual({ files: 0, bytes: 0 });
      const paths = [...(await readTree(local.output)).keys()];
      expect(paths.filter((p) => p.startsWith("pagefind/") || p.startsWith("search/"))).toEqual([]);
      for (const path of paths.filter((p) => p.endsWith(".html")))
        expect(await readFile(join(local.output, path), "utf8"), path).not.toContain("site-search");
    } finally {
      await local.remove();
    }
  });
});

describe("a sharded index", () => {
  // Three months, one article each; shards of one article: three shards.
  const monthly = {
    "june.md": articleFile({ title: "June tide tables", date: "2025-06-10T09:00:00Z" }, "Spring tides in June."),
    "july.md": articleFile({ title: "July regatta", date: "2025-07-10T09:00:00Z" }, "Sails on the estuary."),
    "august.md": articleFile({ title: "August lighthouse", date: "2025-08-10T09:00:00Z" }, "The lamp is relit."),
  };
  const settings = { ...fixtureSettings, searchShardSize: 1 };
  const OLD = new Date("2020-01-01T00:00:00Z");
  /** Every file of the index, path → bytes. */
  const index = async (s: Site) => new Map([...(await readTree(s.output))].filter(([p]) => p.startsWith("pagefind/")));
  const aged = async (s: Site) => {
    for (const path of (await index(s)).keys()) await utimes(join(s.output, path), OLD, OLD);
  };
  const rewrittenShards = async (s: Site) => {
    const touched = new Set<string>();
    for (const path of (await index(s)).keys())
      if ((await stat(join(s.output, path))).mtimeMs !== OLD.getTime()) touched.add(path.split("/")[1] ?? "");
    return [...touched].sort();
  };
  /** The index of a clean build of the same content, for comparison. */
  const cleanIndex = async (s: Site) => {
    const clean = await makeSite({}, settings);
    try {
      await rm(clean.content, { recursive: true });
      await cp(s.content, clean.content, { recursive: true });
      await rebuild(clean);
      return await index(clean);
    } finally {
      await clean.remove();
    }
  };

  it("has one bundle per shard and a manifest listing them newest first", async () => {
    const local = await makeSite(monthly, settings);
    try {
      await rebuild(local);
      const manifest = JSON.parse(await local.page("/pagefind/shards.json"));
      expect(manifest).toEqual([
        { path: "2025-08/", from: "2025-08-10T09:00:00.000Z", to: "2025-08-10T09:00:00.000Z", articles: 1 },
        { path: "2025-07/", from: "2025-07-10T09:00:00.000Z", to: "2025-07-10T09:00:00.000Z", articles: 1 },
        { path: "2025-06/", from: "2025-06-10T09:00:00.000Z", to: "2025-06-10T09:00:00.000Z", articles: 1 },
      ]);
      for (const month of ["2025-06", "2025-07", "2025-08"])
        expect(JSON.parse(await local.page(`/pagefind/${month}/pagefind-entry.json`))).toMatchObject({
          languages: { en: { page_count: 1 } },
        });
      // The API at the top is every shard's own.
      expect(await local.page("/pagefind/pagefind.js")).toBe(await local.page("/pagefind/2025-06/pagefind.js"));
    } finally {
      await local.remove();
    }
  });

  it("rewrites no shard after an edit, only the delta and the manifest; compaction gives a clean build's index", async () => {
    const local = await makeSite(monthly, settings);
    try {
      await rebuild(local);
      await aged(local);
      await writeFile(
        join(local.content, "articles", "june.md"),
        articleFile({ title: "June tide tables", date: "2025-06-10T09:00:00Z" }, "Neap tides in June."),
      );
      await rebuild(local);
      expect(await rewrittenShards(local)).toEqual(["delta", "shards.json"]);
      // The article moved to another URL: two changes, more than the shard takes as overlay. It is
      // indexed again, and the delta goes.
      await rm(join(local.content, "articles", "june.md"));
      await writeFile(join(local.content, "articles", "june-tides.md"), monthly["june.md"]);
      await rebuild(local);
      expect(await index(local)).toEqual(await cleanIndex(local));
    } finally {
      await local.remove();
    }
  });

  it("rebuilds from a damaged cache record with a one-line notice, and publishes what a clean build does", async () => {
    const local = await makeSite(monthly, settings);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await rebuild(local);
      const record = join(local.root, ".cache", "search.json");
      await writeFile(record, (await readFile(record, "utf8")).replace(/2025-07/g, "2025-09"));
      await rebuild(local);
      expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(
        `${record} is damaged (its content does not match its hash); the search index is rebuilt.`,
      );
      expect(await index(local)).toEqual(await cleanIndex(local));
    } finally {
      warn.mockRestore();
      await local.remove();
    }
  });

  it("indexes again a shard whose published file was changed, with a notice, rather than keep it", async () => {
    const local = await makeSite(monthly, settings);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await rebuild(local);
      const entry = join(local.output, "pagefind", "2025-07", "pagefind-entry.json");
      // Same size, other bytes: the publisher's size check alone would keep it.
      const text = await readFile(entry, "utf8");
      await writeFile(entry, text.replace(/"/, "'"));
      await rebuild(local);
      expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(
        "pagefind/2025-07/ in the output is not as it was built; that search shard is indexed again.",
      );
      expect(await readFile(entry, "utf8")).toBe(text);
      expect(await index(local)).toEqual(await cleanIndex(local));
    } finally {
      warn.mockRestore();
      await local.remove();
    }
  });
});
