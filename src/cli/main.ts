// The command line: `build`, `check`, `new` and `start`, run by the npm scripts through run.js.
import { resolve } from "node:path";
import { check } from "../build/check.ts";
import { startDevServer } from "../build/dev-server.ts";
import { BuildInterrupted, build } from "../build/production.ts";
import { DigestError, formatProblems } from "../content/errors.ts";
import { helpText, type Invocation, parseCommandLine, UsageError } from "./args.ts";
import { newArticle } from "./new.ts";
import { counted, summaryLines } from "./summary.ts";

/** Where a preview goes unless `--output` says otherwise: never the published folder. */
const PREVIEW_OUTPUT = ".preview";
const PUBLISHED_OUTPUT = "dist";
const HELP_LINK = "docs/commands.md#when-something-goes-wrong";
/** Exit codes of a process ended by a signal, as shells report them (128 + the signal's number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** What an author's mistake meant for each command, said after the problems. */
const OUTCOMES: Record<string, string> = {
  build: "The build stopped; the previous output was left as it was.",
  check: "The check found errors.",
  start: "The dev server did not start; fix the problem and run it again.",
};

const text = (value: string | boolean | undefined) => (typeof value === "string" ? value : undefined);

/** `build`: the summary lines, or the reason the output was left as it was. */
async function runBuild({ values }: Invocation): Promise<void> {
  const preview = values.future === true;
  const output = text(values.output) ?? (preview ? PREVIEW_OUTPUT : PUBLISHED_OUTPUT);
  if (preview && resolve(output) === resolve(PUBLISHED_OUTPUT))
    throw new DigestError(
      `--future never builds into ${PUBLISHED_OUTPUT}/: a deploy would publish drafts. Leave out --output (${PREVIEW_OUTPUT}/) or name another folder.`,
    );
  const controller = new AbortController();
  const signals = Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[];
  for (const signal of signals) process.once(signal, () => controller.abort(signal));
  try {
    const summary = await build({
      input: text(values.input) ?? "content",
      output,
      preview,
      allowEmpty: values["allow-empty"] === true,
      signal: controller.signal,
    });
    for (const line of summaryLines(summary, output, preview)) console.log(line);
  } catch (error) {
    if (!(error instanceof BuildInterrupted)) throw error;
    const signal = controller.signal.reason as keyof typeof SIGNAL_EXIT;
    console.error(`The build was interrupted; ${output} was left as it was.`);
    // Eleventy may still be rendering: nothing it does now reaches the output.
    process.exit(SIGNAL_EXIT[signal]);
  }
}

/** `check`: one line, warnings above it; errors are thrown. */
async function runCheck({ values }: Invocation): Promise<void> {
  const result = await check(text(values.input) ?? "content");
  for (const warning of result.warnings) console.warn(formatProblems([warning]));
  console.log(
    `Checked ${counted(result.articles, "article")} (${counted(result.tags, "tag")}): no errors, ` +
      `${counted(result.warnings.length, "warning")}, in ${result.seconds.toFixed(2)} s`,
  );
}

/** `start`: serves until Ctrl-C. */
async function runStart({ values }: Invocation): Promise<void> {
  const port = text(values.port) ?? "8080";
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535)
    throw new DigestError(`--port must be a number from 0 to 65535; got "${port}"`);
  const host = text(values.host) ?? "localhost";
  const output = text(values.output) ?? ".dev";
  const server = await startDevServer({ input: text(values.input) ?? "content", output, host, port: Number(port) });
  const shared = host === "localhost" || host === "127.0.0.1" || host === "::1" ? "only this computer" : "the network";
  console.log(`Serving ${output} at ${server.url} (${shared} can see it; drafts included). Ctrl-C stops.`);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      void server.close().finally(() => process.exit(0));
    });
}

/** Runs one command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    const invocation = parseCommandLine(argv);
    if (invocation.values.help === true) {
      console.log(helpText(invocation.command));
      return 0;
    }
    if (invocation.command === "build") await runBuild(invocation);
    else if (invocation.command === "check") await runCheck(invocation);
    else if (invocation.command === "start") await runStart(invocation);
    else console.log(await newArticle(invocation.positionals, process.cwd()));
    return 0;
  } catch (error) {
    if (error instanceof DigestError) {
      const outcome = error instanceof UsageError ? undefined : OUTCOMES[argv[0] ?? ""];
      console.error(outcome ? `${error.message}\n\n${outcome}` : error.message);
      return 1;
    }
    // Not an author's mistake: a bug, or something of the machine's. One line, the stack only on request.
    const message = error instanceof Error ? error.message.split("\n", 1)[0] : String(error);
    console.error(`An unexpected error stopped ${argv[0] ?? "the command"}: ${message}`);
    if (debug && error instanceof Error) console.error(error.stack);
    else console.error(`Run it again with --debug for the details, and see ${HELP_LINK} to report it.`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
