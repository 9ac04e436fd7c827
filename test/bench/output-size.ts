// What a built site's output holds, by kind (pages, feeds, media, cards, search), read from the
// manifest of the version the output links to: the same tally the host budget judges.
import { readManifest } from "../../src/publish/manifest.ts";
import { HOSTS, hostBudget, hostLimits } from "../../src/publish/host-budget.ts";
import { type OutputKind, type OutputTally, tallyOutput } from "../../src/publish/output-tally.ts";
import { currentOf } from "../../src/publish/versions.ts";

/** The tally of the output folder `outDir`, from its current version's manifest (`<outDir>.builds/<id>.json`). */
export function outputTally(outDir: string): OutputTally {
  const current = currentOf(outDir);
  const manifest = current.kind === "version" ? readManifest(`${current.dir}.json`) : undefined;
  if (!manifest) throw new Error(`${outDir} links to no published version with a manifest`);
  return tallyOutput([...manifest.files].map(([path, entry]) => [path, entry.size] as const));
}

const MB = 1024 * 1024;
/** "1,234 files, 45.6 MB" for one kind, or for the whole output when `kind` is left out. */
export function describeOutput(tally: OutputTally, kind?: OutputKind): string {
  const { files, bytes } = kind ? tally.kinds[kind] : tally.total;
  return `${files.toLocaleString("en-US")} files, ${(bytes / MB).toFixed(1)} MB`;
}

/** Each host's budget lines for `tally` ("files 333,237 of 20,000 (1666%); …"), whatever host the site names. */
export function budgetsByHost(tally: OutputTally): Record<string, string> {
  const hosts = HOSTS.filter((host) => host !== "none");
  return Object.fromEntries(
    hosts.map((host) => [
      hostLimits[host].label,
      hostBudget(host, tally, { allowOverBudget: true })
        .lines.map((line) => line.slice(hostLimits[host].label.length + 2))
        .join("; "),
    ]),
  );
}
