// The command line's grammar: commands, their options, and what a mistyped one was probably meant to be.
import { parseArgs } from "node:util";
import { closest, distance } from "fastest-levenshtein";
import { DigestError } from "../content/errors.ts";

/** One option of a command, with the line `--help` shows for it. */
export interface OptionSpec {
  type: "boolean" | "string";
  short?: string;
  /** Placeholder of a string option's value in the help text. */
  value?: string;
  help: string;
}

/** One command: what it does, its positional arguments, its options. */
export interface CommandSpec {
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  /** Whether the command takes positional arguments (only `new`: the headline). */
  positionals: boolean;
}

const common: Record<string, OptionSpec> = {
  help: { type: "boolean", short: "h", help: "Show this help and stop." },
  debug: { type: "boolean", help: "Show the stack of an unexpected error (for a bug report)." },
};
const input: OptionSpec = { type: "string", value: "folder", help: "Content folder. Default: content" };

/** Every command and its options. */
export const commands: Record<string, CommandSpec> = {
  build: {
    summary: "Build the site into dist/ (or a preview into .preview/).",
    usage: "npm run build -- [options]",
    positionals: false,
    options: {
      future: { type: "boolean", help: "Preview: include drafts and scheduled items; writes .preview/, never dist/." },
      output: { type: "string", value: "folder", help: "Output folder. Default: dist (.preview with --future)" },
      input,
      "allow-empty": { type: "boolean", help: "Publish a site with no articles over one that has some." },
      ...common,
    },
  },
  check: {
    summary: "Check every article and the settings without building; exits 1 on errors.",
    usage: "npm run check -- [options]",
    positionals: false,
    options: { input, ...common },
  },
  new: {
    summary: "Write a new article dated now, never over an existing file.",
    usage: 'npm run new -- "Headline of the item"',
    positionals: true,
    options: { ...common },
  },
  start: {
    summary: "Serve a preview with drafts and scheduled items, rebuilt on every edit.",
    usage: "npm start -- [options]",
    positionals: false,
    options: {
      host: {
        type: "string",
        value: "address",
        help: "Interface to listen on. Default: localhost (this computer only); 0.0.0.0 shares it on the network.",
      },
      port: { type: "string", value: "number", help: "First port to try. Default: 8080" },
      output: { type: "string", value: "folder", help: "Folder served. Default: .dev" },
      input,
      ...common,
    },
  },
};

/** A mistake on the command line: nothing was started. */
export class UsageError extends DigestError {}

/** A parsed command line. */
export interface Invocation {
  command: string;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** The closest of `names` to `name`, when it is close enough to be a likely typo. */
export function suggestion(name: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const best = closest(name, [...names]);
  return distance(name, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** Parses `argv` (after the script name): the command first, then its options; throws DigestError on a mistake. */
export function parseCommandLine(argv: readonly string[]): Invocation {
  const [command = "", ...rest] = argv;
  const spec = commands[command];
  if (!spec) {
    const hint = suggestion(command, Object.keys(commands));
    throw new UsageError(
      `${command ? `"${command}" is not a command` : "No command was given"}${hint ? `; did you mean "${hint}"?` : "."}\n` +
        `Commands: ${Object.keys(commands).join(", ")}.`,
    );
  }
  const { tokens } = parseArgs({
    args: [...rest],
    options: spec.options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const problems: string[] = [];
  const values: Invocation["values"] = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const option = spec.options[token.name];
    if (!option) {
      const hint = suggestion(token.name, Object.keys(spec.options));
      problems.push(`${token.rawName} is not an option of ${command}${hint ? `; did you mean --${hint}?` : ""}`);
    } else if (option.type === "string" && (token.value === undefined || token.value === "")) {
      problems.push(`${token.rawName} needs a value, like ${token.rawName}=${option.value ?? "value"}`);
    } else if (option.type === "boolean" && token.value !== undefined) {
      problems.push(`${token.rawName} takes no value; got "${token.value}"`);
    } else values[token.name] = token.value ?? true;
  }
  if (positionals.length > 0 && !spec.positionals)
    problems.push(`${command} takes no arguments; got ${positionals.map((p) => `"${p}"`).join(", ")}`);
  if (problems.length > 0) throw new UsageError(`${problems.join("\n")}\nSee: npm run ${command} -- --help`);
  return { command, values, positionals };
}

/** The `--help` text of a command: what it does, how to call it, every option. */
export function helpText(command: string): string {
  const spec = commands[command];
  if (!spec) return "";
  const lines = Object.entries(spec.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.value ? ` <${o.value}>` : ""}`;
    return `  ${flag.padEnd(26)}${o.help}`;
  });
  return `${spec.summary}\n\nUsage: ${spec.usage}\n\nOptions:\n${lines.join("\n")}\n`;
}
