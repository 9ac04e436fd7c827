// The bundled sample site (content/) built by the production build into a temporary folder, never dist/.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import { build, type BuildSummary } from "../../.eleventy.ts";

const CONTENT = fileURLToPath(new URL("../../content", import.meta.url));

/** A built copy of the sample site: its output folder and how to delete it. */
export interface SampleSite {
  output: string;
  /** What the build reported, as its summary lines show it. */
  summary: BuildSummary;
  remove(): Promise<void>;
}

/** Builds content/ into a fresh temporary folder, with its own cache. */
export async function buildSampleSite(): Promise<SampleSite> {
  // Eleventy imports .eleventy.ts itself, natively: Node 20 needs tsx for that.
  register();
  const root = await mkdtemp(join(tmpdir(), "broadsheet-sample-"));
  const output = join(root, "dist");
  const summary = await build({ input: CONTENT, output, cacheDir: join(root, ".cache") });
  return { output, summary, remove: () => rm(root, { recursive: true, force: true }) };
}
