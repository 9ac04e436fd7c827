// The publish step's cost at scale: builds a generated site (search off) five times (first build, nothing
// changed, one article's body edited, another one's (the first edit that reuses the version before the
// current one, see docs/publishing.md), every page changed by a new site title) and prints each build's time and the publisher's
// commit() time, wall clock and CPU (user + kernel, every thread of the process).
// Usage: node --import tsx test/publish/switch-bench.ts [--articles 10000] [--code DIR] [--tmp DIR]
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateCorpus, generateSettings } from "../bench/corpus.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string" },
    code: { type: "string" },
    tmp: { type: "string" },
    keep: { type: "boolean" },
  },
});
const code = resolve(values.code ?? fileURLToPath(new URL("../../", import.meta.url)));
const n = Number(values.articles ?? 10000);

/** CPU seconds of the whole process so far (user + system), and the system part. */
function cpu(): { all: number; sys: number } {
  const u = process.cpuUsage();
  return { all: (u.user + u.system) / 1e6, sys: u.system / 1e6 };
}

const { Publisher } = (await import(join(code, "src/publish/publisher.ts"))) as {
  Publisher: { prototype: { commit: () => Promise<unknown> } };
};
const { build } = (await import(join(code, ".eleventy.ts"))) as {
  build: (o: object) => Promise<{ pages: number; written: number; rendered: number }>;
};
let commitFigures = "";
const original = Publisher.prototype.commit;
Publisher.prototype.commit = async function (this: unknown) {
  const [t, c] = [performance.now(), cpu()];
  const result = await original.call(this);
  const d = cpu();
  commitFigures = `commit ${((performance.now() - t) / 1000).toFixed(2)} s, CPU ${(d.all - c.all).toFixed(2)} s (kernel ${(d.sys - c.sys).toFixed(2)})`;
  return result;
};

const dir = await mkdtemp(join(values.tmp ?? tmpdir(), `broadsheet-switch-${n}-`));
const content = join(dir, "content");
await mkdir(join(content, "_data"), { recursive: true });
const settingsFile = join(content, "_data", "site.json");
await writeFile(settingsFile, JSON.stringify(generateSettings({ search: false, socialCards: false })));
for (const file of generateCorpus({ articles: n })) {
  await mkdir(dirname(join(content, "articles", file.path)), { recursive: true });
  await writeFile(join(content, "articles", file.path), file.text);
}
process.chdir(dir);
const corpus = generateCorpus({ articles: n });
const edited = [Math.floor(n / 2), Math.floor(n / 2) + 1].map((i) => join(content, "articles", corpus[i]?.path ?? ""));
const labels = ["first build", "nothing changed", "one article edited", "another article edited", "new site title"];
for (const label of labels) {
  // A body edit changes a few pages: the rest of the site is kept (linked into the new version, or left in the reused one).
  const edit = label === "one article edited" ? edited[0] : label === "another article edited" ? edited[1] : undefined;
  if (edit !== undefined) await writeFile(edit, `${await readFile(edit, "utf8")}\n\nAn added paragraph.\n`);
  if (label === "new site title") {
    const settings = JSON.parse(await readFile(settingsFile, "utf8")) as { title: string };
    await writeFile(settingsFile, JSON.stringify({ ...settings, title: `${settings.title} (renamed)` }));
  }
  const [t, c] = [performance.now(), cpu()];
  const s = await build({});
  const d = cpu();
  console.log(
    `${label}: ${s.pages} files, ${s.rendered} rendered, ${s.written} written, build ${((performance.now() - t) / 1000).toFixed(2)} s, CPU ${(d.all - c.all).toFixed(2)} s (kernel ${(d.sys - c.sys).toFixed(2)}); ${commitFigures}`,
  );
}
if (!values.keep) await rm(dir, { recursive: true, force: true });
