// Measuring child processes on Linux: wall time, CPU time of the process tree, peak memory of the tree.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/** CPU seconds used by this process's waited-for children so far (from /proc/self/stat): user and kernel. */
export function childCpuSeconds(): { user: number; kernel: number } {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
  // After the command name: cutime and cstime are fields 16 and 17 of stat(5), here 13 and 14.
  return { user: Number(fields[13]) / TICKS_PER_SECOND, kernel: Number(fields[14]) / TICKS_PER_SECOND };
}

/** Resident memory in bytes of `pid` and all its descendants. */
export function treeRss(pid: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
      parents.set(Number(name), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of parents) if (tree.has(parent) && !tree.has(child)) grew = tree.add(child).size > 0;
  }
  let bytes = 0;
  for (const p of tree) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      bytes += Number(match?.[1] ?? 0) * 1024;
    } catch {
      // Gone already.
    }
  }
  return bytes;
}

/** What one command run cost. */
export interface RunResult {
  wall: number;
  cpu: number;
  /** The part of `cpu` spent in the kernel (folders, files, memory). */
  kernel: number;
  peakRss: number;
  stdout: string;
}

/** Runs a command to completion, sampling the tree's memory every `sampleMs`. */
export async function measure(
  command: string,
  args: readonly string[],
  cwd: string,
  sampleMs = 20,
): Promise<RunResult> {
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  let peakRss = 0;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, treeRss(child.pid ?? 0))), sampleMs);
  const code = await exited(child);
  clearInterval(timer);
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}`);
  const cpuAfter = childCpuSeconds();
  const kernel = cpuAfter.kernel - cpuBefore.kernel;
  return {
    wall: (performance.now() - started) / 1000,
    cpu: cpuAfter.user - cpuBefore.user + kernel,
    kernel,
    peakRss,
    stdout,
  };
}

/** Resolves with the exit code once the child has ended. */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Polls `check` every few milliseconds until it holds; resolves with the seconds it took. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return (performance.now() - started) / 1000;
}
