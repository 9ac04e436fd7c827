// The command line's grammar: commands, options, the closest valid name for a typo, the help text.
import { describe, expect, it } from "vitest";
import { commands, helpText, parseCommandLine, suggestion, UsageError } from "../../src/cli/args.ts";

/** The message parseCommandLine throws for `argv`. */
function mistake(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
}

describe("parseCommandLine", () => {
  it.each([
    [["build"], { command: "build", values: {}, positionals: [] }],
    [["build", "--future"], { command: "build", values: { future: true }, positionals: [] }],
    [
      ["build", "--output", "out", "--allow-empty"],
      { command: "build", values: { output: "out", "allow-empty": true }, positionals: [] },
    ],
    [["build", "--output=out"], { command: "build", values: { output: "out" }, positionals: [] }],
    [
      ["start", "--host", "0.0.0.0", "--port=9000"],
      { command: "start", values: { host: "0.0.0.0", port: "9000" }, positionals: [] },
    ],
    [["check", "-h"], { command: "check", values: { help: true }, positionals: [] }],
    [
      ["new", "Harbour", "bridge", "reopens"],
      { command: "new", values: {}, positionals: ["Harbour", "bridge", "reopens"] },
    ],
    [["new", "東京の朝"], { command: "new", values: {}, positionals: ["東京の朝"] }],
  ])("parses %j", (argv, expected) => {
    expect(parseCommandLine(argv)).toEqual(expected);
  });

  it("names the closest valid option of an unknown one", () => {
    expect(mistake(["build", "--futur"])).toBe(
      "--futur is not an option of build; did you mean --future?\nSee: npm run build -- --help",
    );
    expect(mistake(["start", "--hots", "x"])).toContain("--hots is not an option of start; did you mean --host?");
    expect(mistake(["build", "--allow-emtpy"])).toContain("did you mean --allow-empty?");
  });

  it("offers no suggestion when nothing is close", () => {
    expect(mistake(["check", "--zzzzzzzz"])).toBe("--zzzzzzzz is not an option of check\nSee: npm run check -- --help");
  });

  it("lists every problem at once", () => {
    expect(mistake(["build", "--futur", "stray"]).split("\n")).toEqual([
      "--futur is not an option of build; did you mean --future?",
      'build takes no arguments; got "stray"',
      "See: npm run build -- --help",
    ]);
  });

  it.each([
    [["build", "--output"], "--output needs a value, like --output=folder"],
    [["build", "--future=yes"], '--future takes no value; got "yes"'],
    [["build", "extra"], 'build takes no arguments; got "extra"'],
    [["biuld"], '"biuld" is not a command; did you mean "build"?\nCommands: build, check, new, start.'],
    [[], "No command was given.\nCommands: build, check, new, start."],
  ])("refuses %j", (argv, message) => {
    expect(mistake(argv)).toContain(message);
  });
});

describe("suggestion", () => {
  it.each([
    ["outptu", ["output", "input"], "output"],
    ["hepl", ["help", "host"], "help"],
    ["x", ["output", "input"], undefined],
    ["anything", [], undefined],
  ])("%s among %j → %s", (name, names, expected) => {
    expect(suggestion(name, names)).toBe(expected);
  });
});

describe("helpText", () => {
  it.each(Object.keys(commands))("%s --help shows its usage and every one of its options", (command) => {
    const text = helpText(command);
    expect(text).toContain(`Usage: ${commands[command]?.usage}`);
    for (const [name, option] of Object.entries(commands[command]?.options ?? {})) {
      expect(text).toContain(`--${name}`);
      expect(text).toContain(option.help);
    }
  });

  it("shows build's options in full", () => {
    expect(helpText("build")).toMatchInlineSnapshot(`
      "Build the site into dist/ (or a preview into .preview/).

      Usage: npm run build -- [options]

      Options:
            --future              Preview: include drafts and scheduled items; writes .preview/, never dist/.
            --output <folder>     Output folder. Default: dist (.preview with --future)
            --input <folder>      Content folder. Default: content
            --allow-empty         Publish a site with no articles over one that has some.
        -h, --help                Show this help and stop.
            --debug               Show the stack of an unexpected error (for a bug report).
      "
    `);
  });
});
