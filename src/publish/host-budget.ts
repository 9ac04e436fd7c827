// The output against its host's limits: what each kind of file takes, a warning near a limit, and a
// failed build (naming what takes the room) past one, before the previous output is replaced.
import { DigestError, formatProblems } from "../content/errors.ts";
import { KINDS, type OutputTally, tallyOutput } from "./output-tally.ts";

/** The hosts whose limits are known; `none` checks nothing. */
export const HOSTS = ["github-pages", "cloudflare-pages", "netlify", "none"] as const;
/** A host named by the `host` setting. */
export type Host = (typeof HOSTS)[number];

/** A host's published limits; a limit it does not have is left out. */
export interface HostLimits {
  label: string;
  siteBytes?: number;
  files?: number;
  fileBytes?: number;
  filesPerFolder?: number;
  /** Where the host states them. */
  source: string;
  /** What to say when a limit is passed, besides making the output smaller. */
  hint?: string;
}

const MiB = 1024 * 1024;
/** Each host's limits, as their documentation stated them on 2026-11-30 (see docs/benchmark.md#host-budget). */
export const hostLimits = {
  "github-pages": {
    label: "GitHub Pages",
    siteBytes: 1024 * MiB,
    source: "https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits",
  },
  "cloudflare-pages": {
    label: "Cloudflare Pages (Free plan)",
    files: 20_000,
    fileBytes: 25 * MiB,
    source: "https://developers.cloudflare.com/pages/platform/limits/",
    hint: "Paid plans allow 100,000 files (with PAGES_WRANGLER_MAJOR_VERSION=4); on one, set allowOverBudget.",
  },
  netlify: {
    label: "Netlify",
    filesPerFolder: 54_000,
    source: "https://docs.netlify.com/site-deploys/overview/#files-per-directory-limit",
  },
} satisfies Record<Exclude<Host, "none">, HostLimits>;

/** How the budget is judged. */
export interface BudgetOptions {
  /** Share of a limit from which the build warns; default 0.8. */
  warnAt: number;
  /** Only warn, never fail, past a limit; default false. */
  allowOverBudget: boolean;
}

/** Defaults for every budget option. */
export const budgetDefaults = { warnAt: 0.8, allowOverBudget: false } satisfies BudgetOptions;

/** The verdict: one line per measure the host limits, and the worst level among them. */
export interface BudgetVerdict {
  level: "ok" | "warn" | "fail";
  /** "12,345 files of 20,000 (62%)" and the like, for the build's output. */
  lines: string[];
  /** For each measure past its limit (or past `warnAt`), what takes the room. */
  problems: string[];
}

const count = (n: number) => n.toLocaleString("en-US");
const megabytes = (bytes: number) => `${count(Math.round(bytes / MiB))} MB`;
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Kinds ordered by what they take of `measure`, largest first, as "media 616 MB (60%), pages …". */
function breakdown(tally: OutputTally, measure: "files" | "bytes"): string {
  const show = measure === "files" ? count : megabytes;
  const whole = Math.max(1, tally.total[measure]);
  return KINDS.filter((k) => tally.kinds[k][measure] > 0)
    .sort((a, b) => tally.kinds[b][measure] - tally.kinds[a][measure])
    .map((k) => `${k} ${show(tally.kinds[k][measure])} (${percent(tally.kinds[k][measure] / whole)})`)
    .join(", ");
}

/** Judges `tally` against the limits of `host`. */
export function hostBudget(host: Host, tally: OutputTally, options: Partial<BudgetOptions> = {}): BudgetVerdict {
  const o = { ...budgetDefaults, ...options };
  if (host === "none") return { level: "ok", lines: [], problems: [] };
  const limits: HostLimits = hostLimits[host];
  const measures: {
    what: string;
    used: number;
    limit: number | undefined;
    show: (n: number) => string;
    room: string;
  }[] = [
    {
      what: "site size",
      used: tally.total.bytes,
      limit: limits.siteBytes,
      show: megabytes,
      room: breakdown(tally, "bytes"),
    },
    { what: "files", used: tally.total.files, limit: limits.files, show: count, room: breakdown(tally, "files") },
    {
      what: "largest file",
      used: tally.largestFile?.bytes ?? 0,
      limit: limits.fileBytes,
      show: megabytes,
      room: tally.largestFile?.path ?? "",
    },
    {
      what: "files in one folder",
      used: tally.fullestFolder?.files ?? 0,
      limit: limits.filesPerFolder,
      show: count,
      room: `${tally.fullestFolder?.path ?? ""}/`,
    },
  ];
  const lines: string[] = [];
  const problems: string[] = [];
  let over = false;
  let near = false;
  for (const m of measures) {
    if (m.limit === undefined) continue;
    const share = m.used / m.limit;
    lines.push(`${limits.label}: ${m.what} ${m.show(m.used)} of ${m.show(m.limit)} (${percent(share)})`);
    if (share > 1) over = true;
    else if (share >= o.warnAt) near = true;
    else continue;
    problems.push(
      `${m.what}: ${m.show(m.used)} is ${share > 1 ? "over" : "near"} ${limits.label}'s limit of ${m.show(m.limit)}; taken by ${m.room}`,
    );
  }
  const level = over && !o.allowOverBudget ? "fail" : over || near ? "warn" : "ok";
  return { level, lines, problems };
}

/** A build whose output passes its host's limits; the previous output stays as it was. */
export class HostBudgetError extends DigestError {
  override name = "HostBudgetError";
}

/** The author-facing report of a verdict's problems, for `file` (the settings file). */
export function budgetMessage(host: Host, verdict: BudgetVerdict, file: string): string {
  const limits = host === "none" ? undefined : (hostLimits[host] as HostLimits);
  const advice =
    verdict.level === "fail"
      ? "Make the output smaller (socialCards or search off, fewer images), set host to where the site is deployed, or set allowOverBudget to build anyway."
      : "The host refuses a site past its limits.";
  const problems = verdict.problems.map((message) => ({ file, field: "host", message }));
  problems.push({
    file,
    field: "host",
    message: [advice, limits?.hint, `Limits: ${limits?.source}`].filter(Boolean).join(" "),
  });
  return formatProblems(problems, "docs/benchmark.md#host-budget");
}

/** The build's check of its output: the verdict, or a HostBudgetError when the output may not be deployed. */
export function checkHostBudget(
  settings: { host: Host; allowOverBudget: boolean },
  files: Iterable<readonly [string, number]>,
  settingsFile: string,
): BudgetVerdict {
  const verdict = hostBudget(settings.host, tallyOutput(files), { allowOverBudget: settings.allowOverBudget });
  if (verdict.level === "fail") throw new HostBudgetError(budgetMessage(settings.host, verdict, settingsFile));
  return verdict;
}
