// Page templates handed to Eleventy: one-entry-a-page templates paginated in batches, every entry
// still its own page at its own URL, with the same HTML.
import { describe, expect, it } from "vitest";
import type { EleventyConfig, PageSink } from "../../src/build/eleventy-api.ts";
import { addPage, pageDefaults, type PageTemplate } from "../../src/build/pages.ts";

type Data = Record<string, unknown>;
interface Added {
  data: Data | (() => Data);
  render: (data: Data) => string | Promise<string>;
}

/** addPage into a fake configuration: the template Eleventy would be given, and the pages the sink got. */
function added(template: PageTemplate, batch?: number) {
  const templates: Added[] = [];
  const pages: [string, string][] = [];
  const config = { addTemplate: (_name: string, t: Added) => templates.push(t) } as unknown as EleventyConfig;
  const sink = { page: (url: string, html: string) => pages.push([url, html]) } as unknown as PageSink;
  addPage(config, sink, "t.11ty.js", template, batch === undefined ? {} : { batch });
  return { template: templates[0]!, pages };
}

const entries = Array.from({ length: 5 }, (_, i) => ({ url: i === 3 ? false : `/e/${i}/`, n: i }));
const paged: PageTemplate = {
  data: {
    pagination: { data: "digest.list", size: 1, alias: "entry" },
    permalink: ({ entry }: { entry: { url: string | false } }) => entry.url,
    eleventyExcludeFromCollections: true,
  },
  render: (({ entry, digest }: { entry: { n: number }; digest: { title: string } }) =>
    `<p>${digest.title} ${entry.n}</p>`) as PageTemplate["render"],
};
const digest = { title: "Site" };

describe("addPage", () => {
  it("lets the event loop turn before a batch, so that an interrupt is seen between batches", async () => {
    const { template, pages } = added(paged, 2);
    let taskRan = false;
    setImmediate(() => (taskRan = true));
    const rendering = template.render({ digest, broadsheetBatch: entries.slice(0, 2) });
    expect(pages).toEqual([]);
    await rendering;
    expect([taskRan, pages.length]).toEqual([true, 2]);
  });

  it("batches 100 entries a page by default", () => {
    expect(pageDefaults.batch).toBe(100);
    const data = added(paged).template.data as Data;
    expect(data.pagination).toEqual({ data: "digest.list", size: 100, alias: "broadsheetBatch" });
    expect(data.permalink).toBe(false);
    expect(data.eleventyExcludeFromCollections).toBe(true);
  });

  it("renders each entry of each batch to the sink at its own URL, leaving out an entry whose permalink is false", async () => {
    const { template, pages } = added(paged, 2);
    for (let start = 0; start < entries.length; start += 2)
      expect(await template.render({ digest, broadsheetBatch: entries.slice(start, start + 2) })).toBe("");
    expect(pages).toEqual([
      ["/e/0/", "<p>Site 0</p>"],
      ["/e/1/", "<p>Site 1</p>"],
      ["/e/2/", "<p>Site 2</p>"],
      ["/e/4/", "<p>Site 4</p>"],
    ]);
  });

  it("gives the same pages as one Eleventy page per entry (batch 1)", async () => {
    const one = added(paged, 1);
    expect((one.template.data as Data).pagination).toEqual({ data: "digest.list", size: 1, alias: "entry" });
    for (const entry of entries) one.template.render({ digest, entry, page: { url: entry.url } });
    const batched = added(paged, 3);
    await batched.template.render({ digest, broadsheetBatch: entries.slice(0, 3) });
    await batched.template.render({ digest, broadsheetBatch: entries.slice(3) });
    expect(batched.pages).toEqual(one.pages);
  });

  it("batches a template whose data is a function, keeping its other pagination fields", () => {
    const before = (items: unknown[]) => items;
    const { template } = added({
      ...paged,
      data: () => ({ ...(paged.data as Data), pagination: { data: "digest", size: 1, alias: "file", before } }),
    });
    expect((template.data as Data).pagination).toEqual({ data: "digest", size: 100, alias: "broadsheetBatch", before });
  });

  it("leaves a template without one-entry pagination as it is, writing it at Eleventy's URL unless that is false", () => {
    const single: PageTemplate = {
      data: { permalink: "/search/" },
      render: (() => "<p>search</p>") as PageTemplate["render"],
    };
    const { template, pages } = added(single);
    expect(template.data).toBe(single.data);
    template.render({ page: { url: "/search/" } });
    template.render({ page: { url: false } });
    expect(pages).toEqual([["/search/", "<p>search</p>"]]);
  });
});
