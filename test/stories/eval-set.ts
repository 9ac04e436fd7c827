// The labelled evaluation set of test/fixtures/stories/, as detection input and true story labels.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import type { StoryItem } from "../../src/stories/detect.ts";

interface RawItem {
  id: string;
  outlet: string;
  date: string;
  tags: string[];
  title: string;
  summary: string;
  body: string;
}

const folder = fileURLToPath(new URL("../fixtures/stories/", import.meta.url));

/** The items in file order, their true story labels, and their ids. */
export function loadEvaluationSet(): { items: StoryItem[]; truth: string[]; ids: string[] } {
  const raw = yaml.load(readFileSync(`${folder}items.yaml`, "utf8")) as RawItem[];
  const labels = JSON.parse(readFileSync(`${folder}labels.json`, "utf8")) as Record<string, string>;
  return {
    ids: raw.map((r) => r.id),
    items: raw.map((r) => ({
      key: r.id,
      time: Date.parse(r.date),
      source: r.outlet,
      text: { title: r.title, summary: r.summary, lead: r.body },
    })),
    truth: raw.map((r) => labels[r.id] ?? r.id),
  };
}
