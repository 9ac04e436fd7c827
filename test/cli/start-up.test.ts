// How a process gets Node ready (src/cli/start-up.js), run in a child process of the Node running the
// tests: on Node 20 tsx and no compile cache; on Node 22.18+ and 24 no tsx and a compile cache.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { batchFlags, COMPILE_CACHE, unbatchFlags } from "../../src/cli/start-up.js";

const START_UP = new URL("../../src/cli/start-up.js", import.meta.url).href;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Whether the Node running the tests has a compile cache (22.1+). */
const hasCompileCache = "enableCompileCache" in module;
/** Whether it strips TypeScript's types itself (22.18+, 24). */
const strips = Boolean((process.features as { typescript?: unknown }).typescript);

interface Reported {
  tsx: boolean;
  directory: string | null;
  variable: string | null;
}

/** Runs startUp([]) in a child process with these environment variables; what it reports. */
async function startUpWith(env: Record<string, string>): Promise<Reported> {
  const script = `import module from "node:module";
const { startUp } = await import(${JSON.stringify(START_UP)});
const tsx = await startUp([]);
console.log(JSON.stringify({ tsx, directory: module.getCompileCacheDir?.() ?? null, variable: process.env.NODE_COMPILE_CACHE ?? null }));`;
  const inherited = { ...process.env };
  delete inherited.NODE_COMPILE_CACHE;
  delete inherited.NODE_DISABLE_COMPILE_CACHE;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...inherited, ...env },
  });
  return JSON.parse(stdout) as Reported;
}

/** What Node reports for a compile cache in `folder`: a folder in it per Node version, architecture, V8 flags. */
const inFolder = (folder: string) => (hasCompileCache ? `${folder}/${process.version}-${process.arch}-` : null);

/** The reported folder cut after the architecture, as inFolder gives it. */
const cut = (reported: Reported) => reported.directory?.replace(/^(.*\/v[\d.]+-[^-]+-).*$/, "$1") ?? null;

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe("startUp", () => {
  it("registers tsx only on a Node that cannot strip types", async () => {
    expect((await startUpWith({})).tsx).toBe(!strips);
  });

  it("keeps the compile cache in the project's .cache/node-compile, named for the workers too, where Node has one", async () => {
    expect(COMPILE_CACHE).toBe(join(ROOT, ".cache", "node-compile"));
    const reported = await startUpWith({});
    expect(cut(reported)).toBe(inFolder(COMPILE_CACHE));
    expect(reported.variable).toBe(hasCompileCache ? COMPILE_CACHE : null);
  });

  it("leaves the compile cache off with NODE_DISABLE_COMPILE_CACHE", async () => {
    expect(await startUpWith({ NODE_DISABLE_COMPILE_CACHE: "1" })).toMatchObject({ directory: null, variable: null });
  });

  it("leaves a worker the young generation it asks for, whatever the process's --max-semi-space-size", async () => {
    // Garbage with some survivors, so that a young generation grows to its limit; its largest size, in MB.
    const churn = `const v8 = await import("node:v8"); let keep = [], most = 0;
for (let i = 0; i < 4e6; i++) { keep.push({ i, s: "x" + i }); if (keep.length > 200000) keep = [];
  if (i % 50000 === 0) most = Math.max(most, v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size / 2 ** 20); }`;
    const script = `import { Worker } from "node:worker_threads";
const { startUp } = await import(${JSON.stringify(START_UP)});
await startUp([]);
const source = ${JSON.stringify(`${churn}\n(await import("node:worker_threads")).parentPort.postMessage(most);`)};
const worker = new Worker(source, { eval: true, type: "module", resourceLimits: { maxYoungGenerationSizeMb: 8 } });
const inWorker = await new Promise((resolve) => worker.once("message", resolve));
${churn}
console.log(JSON.stringify({ inWorker, here: most }));`;
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--max-semi-space-size=16",
      "--input-type=module",
      "-e",
      script,
    ]);
    const { inWorker, here } = JSON.parse(stdout) as { inWorker: number; here: number };
    // Two semi-spaces of 16 MB here; the worker's 8 MB (Node 24 counts its young generation a little
    // differently: 12), where the flag left as it was gives it 32 as well.
    expect(here).toBe(32);
    expect(inWorker).toBeLessThanOrEqual(12);
  });

  it.each([
    ["11.3.244.8-node.33", ["--interrupt-budget=1200000"], ["--interrupt-budget=67584"]],
    ["12.4.254.21-node.33", [], []],
    ["13.6.233.17-node.40", [], []],
  ])(
    "gives a build on V8 %s the flags %j, and V8's own back (%j) over a previous output",
    (version, batch, unbatch) => {
      expect(batchFlags(version)).toEqual(batch);
      expect(unbatchFlags(version)).toEqual(unbatch);
    },
  );

  it("sets a build's flags, and takes them back, without a word from V8, which names a flag it does not know on standard error", async () => {
    const script = `const { leaveBatch, startUp } = await import(${JSON.stringify(START_UP)});
await startUp([], { batch: true });
leaveBatch();`;
    const { stderr } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]);
    expect(stderr).toBe("");
    // The check can fail: a flag V8 does not know is reported there.
    const unknown = `import v8 from "node:v8"; v8.setFlagsFromString("--no-such-flag-anywhere");`;
    const reported = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", unknown]);
    expect(reported.stderr).not.toBe("");
  });

  it("uses the folder NODE_COMPILE_CACHE names, and writes it by the time the process ends", async () => {
    const folder = await mkdtemp(join(tmpdir(), "broadsheet-compile-"));
    folders.push(folder);
    const reported = await startUpWith({ NODE_COMPILE_CACHE: folder });
    expect(reported.variable).toBe(folder);
    expect(cut(reported)).toBe(inFolder(folder));
    const written = await readdir(folder);
    expect(written.map((name) => join(folder, name))).toEqual(hasCompileCache ? [reported.directory] : []);
    if (hasCompileCache) expect((await readdir(reported.directory!)).length).toBeGreaterThan(0);
  });
});
