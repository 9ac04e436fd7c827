// Temporary fixture sites for tests: a content folder with settings and articles, never dist/.
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Site settings used by fixtures unless a test overrides them. */
export const fixtureSettings = {
  title: "Fixture Digest",
  description: "A digest used by the tests.",
  url: "https://fixture.example.org",
  language: "en-GB",
  timeZone: "UTC",
  pageSize: 3,
  relatedCount: 2,
  // Generated cards are tested on their own (test/article-cards.test.ts); the other fixtures need none.
  socialCards: false,
};

/** One article file: front matter as YAML lines, and a body. */
export function articleFile(
  frontMatter: Record<string, unknown>,
  body = "A first paragraph of the story.\n\nA second paragraph.",
): string {
  const yaml = Object.entries(frontMatter)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join("\n");
  return `---\n${yaml}\n---\n\n${body}\n`;
}

/** A fresh folder holding `content/` (settings plus `files`, paths relative to content/articles). */
export async function makeSite(
  files: Record<string, string | Uint8Array>,
  settings: Record<string, unknown> = fixtureSettings,
) {
  const root = await mkdtemp(join(tmpdir(), "broadsheet-test-"));
  const content = join(root, "content");
  await mkdir(join(content, "_data"), { recursive: true });
  await writeFile(join(content, "_data", "site.json"), JSON.stringify(settings));
  for (const [path, text] of Object.entries(files)) {
    const full = join(content, "articles", path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
  }
  return {
    root,
    content,
    output: join(root, "dist"),
    /** Reads one output file by URL path (`/tags/` → dist/tags/index.html). */
    page: (url: string) => readFile(join(root, "dist", url.endsWith("/") ? `${url}index.html` : url), "utf8"),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** Every file under `dir`, relative and sorted, with its bytes. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  files.sort();
  return new Map(await Promise.all(files.map(async (f) => [f.slice(dir.length + 1), await readFile(f)] as const)));
}
