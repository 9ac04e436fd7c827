// `npm run bench -- --images K`: K generated photos on a generated site (lead images, every 20th a body
// image), timed as sharp alone doing the same variants, then as the image work of a first and a second build.
import { cpus } from "node:os";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { generateCorpus, generateSettings } from "./corpus.ts";
import { generatePhoto } from "./photos.ts";
import type { RunResult } from "./measure.ts";
import { sharpAlone } from "./sharp-alone.ts";

/** Where and how the image benchmark runs. */
export interface ImageBenchOptions {
  /** Photos to generate, one per article. */
  images: number;
  /** Articles in the generated site, at least `images`. */
  articles: number;
  /** Folder the temporary site is made in. */
  tmp: string;
  /** Keep the site afterwards. */
  keep: boolean;
  /** Runs `npm run build` in a site folder. */
  build: (dir: string) => Promise<RunResult>;
}

/** One in this many images is placed in its article's body instead of as its lead image. */
const BODY_EVERY = 20;

/** Generates the site and its photos, runs the three measurements, and returns the table's rows. */
export async function imageBench(o: ImageBenchOptions): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(o.tmp, `broadsheet-bench-images-${o.images}-`));
  const content = join(dir, "content");
  await mkdir(join(content, "_data"), { recursive: true });
  await writeFile(join(content, "_data", "site.json"), JSON.stringify(generateSettings({ socialCards: false })));
  const photos: string[] = [];
  const files = generateCorpus({ articles: Math.max(o.articles, o.images) });
  let body = 0;
  for (const [i, file] of files.entries()) {
    const path = join(content, "articles", file.path);
    await mkdir(dirname(path), { recursive: true });
    if (i >= o.images) {
      await writeFile(path, file.text);
      continue;
    }
    const name = `${file.path.split("/").pop()!.replace(/\.md$/, "")}.jpg`;
    const photo = join(dirname(path), name);
    await writeFile(photo, await generatePhoto(i + 1));
    photos.push(photo);
    const inBody = i % BODY_EVERY === BODY_EVERY - 1;
    body += inBody ? 1 : 0;
    const text = inBody
      ? `${file.text}\n![Generated photo number ${i + 1}](./${name})\n`
      : file.text.replace(/^tags:$/m, `image: ./${name}\nimageAlt: "Generated photo number ${i + 1}"\ntags:`);
    await writeFile(path, text);
  }
  console.error(`${photos.length} photos generated; sharp alone…`);
  const cpuBefore = process.cpuUsage();
  const alone = await sharpAlone(photos, join(dir, "sharp-alone"));
  const cpu = process.cpuUsage(cpuBefore);
  const aloneCpu = (cpu.user + cpu.system) / 1e6;
  console.error("first build…");
  const first = await o.build(dir);
  console.error("second build…");
  const second = await o.build(dir);
  if (!o.keep) await rm(dir, { recursive: true, force: true });
  else console.error(`kept ${dir}`);
  const [a, b] = [alone, imageWork(first).seconds];
  return {
    "images (lead + body), 1600×1067 JPEG": `${photos.length} (${photos.length - body} + ${body})`,
    cores: String(cpus().length),
    "(a) sharp alone, same variants, wall s": a.toFixed(2),
    "(a) sharp alone, CPU s": aloneCpu.toFixed(2),
    "(b) first build, image work, wall s": `${b.toFixed(2)} (${imageWork(first).processed} processed)`,
    "(b) first build, image work, CPU s": imageWork(first).cpuSeconds.toFixed(2),
    "(b) ÷ (a), wall": (b / a).toFixed(2),
    "(b) ÷ (a), CPU": (imageWork(first).cpuSeconds / aloneCpu).toFixed(2),
    "first build, wall s / CPU s": `${first.wall.toFixed(2)} / ${first.cpu.toFixed(2)}`,
    "(c) second build, image work, wall s": `${imageWork(second).seconds.toFixed(2)} (${imageWork(second).cached} from cache)`,
    "second build, wall s": second.wall.toFixed(2),
  };
}

/** The build's own report of its image work: "Images: 200 processed, 0 from cache, in 12.34 s (CPU 20.10 s)". */
function imageWork(run: RunResult): { processed: number; cached: number; seconds: number; cpuSeconds: number } {
  const m = /^Images: (\d+) processed, (\d+) from cache, in ([\d.]+) s \(CPU ([\d.]+) s\)$/m.exec(run.stdout);
  if (!m) throw new Error(`the build did not report its image work; it printed:\n${run.stdout}`);
  return { processed: Number(m[1]), cached: Number(m[2]), seconds: Number(m[3]), cpuSeconds: Number(m[4]) };
}
