// The one path from a rendered page to the output folder, for the production build and the dev server,
// and the guard that keeps an empty build from replacing a published site.
import { join, relative } from "node:path";
import { DigestError } from "../content/errors.ts";
import { outputPathFor } from "../digest/urls.ts";
import { prefixLinks } from "../publish/path-prefix.ts";
import type { Publisher } from "../publish/publisher.ts";
import type { Prepared } from "./prepare.ts";

/**
 * Starts publishing `prepared` into `publisher`: pages whose key equals the output's are kept as
 * they are, and the copied files (images, cards drawn already, assets) staged, before any page renders,
 * so that the files taken unchanged are checked meanwhile (publish/early-check.ts); returns the
 * function that takes each rendered page.
 */
export function startPublishing(
  prepared: Prepared,
  publisher: Publisher,
  previous: ReadonlyMap<string, string>,
): (url: string, html: string) => void {
  for (const [url, key] of prepared.keys) if (previous.get(url) === key) publisher.keep(outputPathFor(url));
  for (const copy of prepared.content.assets) publisher.copy(copy);
  const prefix = prepared.digest.settings.pathPrefix;
  return (url, html) => {
    const path = outputPathFor(url);
    // Under a path prefix (a GitHub Pages project site) every site-root link moves into the folder.
    const text = path.endsWith(".html") ? prefixLinks(html, prefix) : html;
    publisher.add(path, text, prepared.keys.get(url));
  };
}

/** True when the output's page keys include an article page (a day folder's child: `/YYYY/MM/DD/slug/`). */
export function holdsArticles(previous: ReadonlyMap<string, string>): boolean {
  for (const url of previous.keys()) if (ARTICLE_URL.test(url)) return true;
  return false;
}
// The shape articleUrl() in src/digest/urls.ts gives.
const ARTICLE_URL = /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/;

/** The error of an empty build over a published site. */
export function emptySiteError(input: string, output: string): DigestError {
  return new DigestError(
    `${relative(process.cwd(), join(input, "articles")) || "content/articles"} holds no articles, ` +
      `but ${relative(process.cwd(), output) || output} holds a published site: the build stopped so as not to replace it with an empty one.\n` +
      `Add an article (npm run new -- "Headline"), or build with --allow-empty to publish an empty site.`,
  );
}
