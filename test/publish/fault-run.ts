// Fault injection over whole builds: a site's old version is published, then the build of its new
// version (every page changed: a new site title) runs in a child process that kills itself at one
// step (BROADSHEET_FAULT). After each kill `dist/` must be exactly the old or exactly the new site, and
// the next build, of the old content (the stale-page case: the change reverted), must equal a clean build.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "../../.eleventy.ts";
import { readTree } from "../helpers/fixture.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const child = fileURLToPath(new URL("./fault-child.ts", import.meta.url));

/** A site to break: its folder, content folder and settings file. */
export interface FaultSite {
  root: string;
  content: string;
}

/** One kill and what it left. */
export interface KillResult {
  step: number;
  name: string;
  signal: string;
  /** What `dist/` held right after the kill. */
  found: "old" | "new" | "mixed";
  /** Whether the next build (of the old content) equalled a clean build. */
  recovered: boolean;
  /** Entries of `dist.builds/` after that build (the current version, the one it replaced, their manifests). */
  leftovers: number;
}

type Tree = Map<string, Buffer>;
const same = (a: Tree, b: Tree) => a.size === b.size && [...b].every(([path, bytes]) => a.get(path)?.equals(bytes));

/** Runs the child build; resolves with its standard error once it has ended, however it ended. */
export function childBuild(site: FaultSite, fault: string): Promise<string> {
  const args = ["--import", "tsx", child, site.content, join(site.root, "dist"), join(site.root, ".cache")];
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, BROADSHEET_FAULT: fault },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const chunks: Buffer[] = [];
  proc.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => proc.on("close", () => resolve(Buffer.concat(chunks).toString())));
}

/** The faulted site: helpers that set its title and build it in this process. */
export function faultSite(site: FaultSite) {
  const settingsFile = join(site.content, "_data", "site.json");
  const settings = JSON.parse(readFileSync(settingsFile, "utf8")) as Record<string, unknown>;
  const setTitle = (title: string) => writeFileSync(settingsFile, JSON.stringify({ ...settings, title }));
  const output = join(site.root, "dist");
  const buildInto = (out: string, cache: string) => build({ input: site.content, output: out, cacheDir: cache });
  return { setTitle, output, buildInto };
}

/**
 * Publishes the old site, counts the steps of the new one's build, then kills that build at each of
 * `pick(steps)`'s points with its signal and checks what is left. Restores the old site after each.
 */
export async function runFaults(
  site: FaultSite,
  pick: (steps: string[]) => { step: number; signal: string }[],
  onResult: (result: KillResult) => void = () => undefined,
): Promise<KillResult[]> {
  const { setTitle, output, buildInto } = faultSite(site);
  setTitle("The New Title");
  await buildInto(join(site.root, "clean-new"), join(site.root, ".cache-new"));
  const newTree = await readTree(join(site.root, "clean-new"));
  setTitle("The Old Title");
  await buildInto(output, join(site.root, ".cache"));
  const oldTree = await readTree(output);
  setTitle("The New Title");
  const counted = await childBuild(site, "count");
  const steps = [...counted.matchAll(/^fault step \d+ (.+)$/gm)].map((m) => m[1] ?? "");
  setTitle("The Old Title");
  await buildInto(output, join(site.root, ".cache"));
  const results: KillResult[] = [];
  for (const { step, signal } of pick(steps)) {
    setTitle("The New Title");
    await childBuild(site, `${step}:${signal}`);
    const after = await readTree(output);
    const found = same(after, oldTree) ? "old" : same(after, newTree) ? "new" : "mixed";
    setTitle("The Old Title");
    await buildInto(output, join(site.root, ".cache"));
    const recovered = same(await readTree(output), oldTree);
    const leftovers = readdirSync(`${output}.builds`).length;
    const result = { step, name: steps[step - 1] ?? "?", signal, found, recovered, leftovers } as const;
    onResult(result);
    results.push(result);
  }
  return results;
}
