// `npm run bench:stories`: story detection over the benchmark corpus, at 10,000 and 100,000 articles
// (or --articles N, repeatable). Prints wall and CPU time of detection alone (the text is read from
// the generated files first), and what was found, so a change in quality shows beside the speed.
import { parseArgs } from "node:util";
import yaml from "js-yaml";
import { detectStories } from "../../src/stories/stories.ts";
import type { StoryItem } from "../../src/stories/detect.ts";
import { generateCorpus } from "./corpus.ts";

const { values } = parseArgs({ options: { articles: { type: "string", multiple: true } } });
const sizes = (values.articles ?? ["10000", "100000"]).map(Number);

/** Detection's input from a generated file: front matter, and the body's first paragraph as the lead. */
function itemOf(text: string, key: string): StoryItem {
  const [, front = "", body = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
  const fm = yaml.load(front) as { title: string; date: string; source?: string; summary?: string };
  const lead = body.trim().split(/\n\s*\n/)[0] ?? "";
  return {
    key,
    time: Date.parse(fm.date),
    source: fm.source,
    text: { title: fm.title, summary: fm.summary ?? "", lead },
  };
}

for (const n of sizes) {
  const items = generateCorpus({ articles: n }).map((f) => itemOf(f.text, f.path));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { stories } = detectStories(items);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const sizesFound = stories.map((s) => s.members.length);
  console.log(
    `${n.toLocaleString("en-US")} articles: detection ${(wall / 1000).toFixed(2)} s wall, ` +
      `${((used.user + used.system) / 1e6).toFixed(2)} s CPU; ${stories.length} stories, ` +
      `${sizesFound.reduce((a, b) => a + b, 0)} articles in them, largest ${Math.max(0, ...sizesFound)}`,
  );
}
