// `npm run eval:stories`: each detection method's quality on the labelled evaluation set.
import { loadEvaluationSet } from "./eval-set.ts";
import { detectStories } from "../../src/stories/stories.ts";
import { evaluateClusters } from "../../src/stories/evaluate.ts";
import { minHashClusters } from "../../src/stories/minhash.ts";
import type { StoryItem } from "../../src/stories/detect.ts";

const { items, truth, ids } = loadEvaluationSet();

function labels(run: (items: StoryItem[]) => ReturnType<typeof detectStories>): string[] {
  const { stories, storyOf } = run(items);
  return items.map((item, i) => (storyOf[i]! >= 0 ? stories[storyOf[i]!]!.id : `alone:${item.key}`));
}

const methods: [string, () => string[]][] = [
  ["tf-idf single-link (chosen)", () => labels((x) => detectStories(x))],
  ["tf-idf best-link", () => labels((x) => detectStories(x, { method: "best-link" }))],
  ["tf-idf average-link", () => labels((x) => detectStories(x, { method: "average-link" }))],
  [
    "tf-idf average-link, threshold 0.15",
    () => labels((x) => detectStories(x, { method: "average-link", threshold: 0.15 })),
  ],
  ["tf-idf single-link, no outlet factor", () => labels((x) => detectStories(x, { sameSourceFactor: 1 }))],
  ["tf-idf single-link, no name boost", () => labels((x) => detectStories(x, { nameBoost: 1, numberBoost: 1 }))],
  ["minhash lsh single-link", () => minHashClusters(items)],
];

console.log(`${items.length} items, ${new Set(truth).size} true stories\n`);
console.log("method                                precision  recall  B-cubed F1");
for (const [name, run] of methods) {
  const q = evaluateClusters(run(), truth);
  console.log(
    `${name.padEnd(38)}${q.precision.toFixed(3).padStart(9)}${q.recall.toFixed(3).padStart(8)}${q.bcubedF1.toFixed(3).padStart(12)}`,
  );
}
if (process.argv.includes("--errors")) {
  const predicted = methods[0]![1]();
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      const p = predicted[i] === predicted[j];
      const t = truth[i] === truth[j];
      if (p !== t) console.log(`${p ? "wrongly merged" : "missed"}: ${ids[i]} ~ ${ids[j]}`);
    }
}
