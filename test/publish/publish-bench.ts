// The publisher's own per-build cost on a built site, without rendering: each round makes a Publisher
// over `--out`, takes its current keys, keeps every file but one page, which it adds changed (a body
// edit), and commits. Prints wall and CPU time (main thread; the writer's thread is in the process's
// CPU) of each step. Usage: node --import tsx test/publish/publish-bench.ts --out /tmp/site/dist
// [--rounds 3] [--code /other/checkout] (the Publisher of another checkout, for a before/after).
import { readFileSync, readlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { out: { type: "string" }, rounds: { type: "string", default: "3" }, code: { type: "string" } },
});
const out = resolve(values.out ?? "dist");
const code = resolve(values.code ?? join(import.meta.dirname, "../.."));
const { Publisher } = (await import(
  join(code, "src/publish/publisher.ts")
)) as typeof import("../../src/publish/publisher.ts");
const { readManifest } = (await import(
  join(code, "src/publish/manifest.ts")
)) as typeof import("../../src/publish/manifest.ts");

/** Wall and CPU seconds of `run`. */
async function timed<T>(run: () => T | Promise<T>): Promise<[T, string]> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(cpu);
  const show = (s: number) => s.toFixed(2);
  return [value, `${show((performance.now() - wall) / 1000)} s wall, ${show((used.user + used.system) / 1e6)} s CPU`];
}

for (let round = 1; round <= Number(values.rounds); round++) {
  // Every file the current version holds, read before the clock starts (keep() ignores paths it does not hold).
  const paths = [...(readManifest(`${resolve(dirname(out), readlinkSync(out))}.json`)?.files.keys() ?? [])];
  const [publisher, made] = await timed(() => new Publisher(out));
  const [keys, keyed] = await timed(() => publisher.currentKeys());
  const [edited] = [...keys.keys()].sort();
  if (edited === undefined) throw new Error(`${out} holds no page with a key`);
  const text = `${readFileSync(join(out, edited), "utf8")}<!-- publish-bench round ${round} ${Date.now()} -->`;
  const [, kept] = await timed(() => {
    for (const path of paths) if (path !== edited) publisher.keep(path);
    publisher.add(edited, text, keys.get(edited));
  });
  const [result, committed] = await timed(() => publisher.commit());
  console.log(
    `round ${round}: made ${made}; keys (${keys.size}) ${keyed}; kept ${kept}; commit ${committed};`,
    JSON.stringify(result),
  );
}
