// `npm run new -- "Headline"`: writes a stub article for today, never over an existing file (run by main.ts).
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { DateTime } from "luxon";
import { DigestError, formatProblems, SETTINGS_HELP } from "../content/errors.ts";
import { articleTemplate } from "../content/article-template.ts";
import { readSettings } from "../content/load.ts";

// Relative to the project root, which is where npm runs scripts from.
const SETTINGS_FILE = "content/_data/site.json";
const USAGE = 'Usage: npm run new -- "Headline of the item"';

/** The site's time zone from the settings file; throws DigestError when the file is missing or wrong. */
async function siteTimeZone(root: string): Promise<string> {
  const result = await readSettings(resolve(root, SETTINGS_FILE), SETTINGS_FILE);
  if ("settings" in result) return result.settings.timeZone;
  // A missing file most likely means the command ran from another folder.
  if (result.missing)
    throw new DigestError(`${SETTINGS_FILE} does not exist; run this command from the project's root folder`);
  throw new DigestError(formatProblems(result.problems, SETTINGS_HELP));
}

/** Writes the new item and returns its path; an unquoted headline (several arguments) is joined with spaces. */
export async function newArticle(args: readonly string[], root: string): Promise<string> {
  const title = args.join(" ");
  if (title.trim() === "") throw new DigestError(`No headline was given.\n${USAGE}`);
  // Options are not headlines: `--help` must not become an article called "help" (`-5C` still may).
  if (/^--?[a-z]/i.test(args[0] ?? ""))
    throw new DigestError(`${JSON.stringify(args[0])} is not a headline.\n${USAGE}`);
  // The command's one clock reading: the new item is dated now.
  const { path, text } = articleTemplate({ title, now: DateTime.now(), timeZone: await siteTimeZone(root) });
  const full = resolve(root, path);
  await mkdir(dirname(full), { recursive: true });
  // "wx" fails when the file exists, so an item written meanwhile is never overwritten.
  await writeFile(full, text, { flag: "wx" }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
    throw new DigestError(
      `${path} already exists and was left as it is; choose a different headline or edit that file.`,
    );
  });
  return path;
}
