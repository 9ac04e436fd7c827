// Every image the articles name, lead images and body images alike, checked and processed in one pass;
// problems are recorded against the article (and line) that names the file.
import { createHash } from "node:crypto";
import { dirname, resolve as resolvePath } from "node:path";
import type { Article } from "../content/article.ts";
import { placeImages } from "./body-images.ts";
import { htmlOf } from "../content/stored-html.ts";
import type { Problem } from "../content/errors.ts";
import type { CopiedFile } from "../publish/publisher.ts";
import {
  type ImageProcessing,
  imagePath,
  type ImageWork,
  loadImages,
  isInside,
  linksOutside,
  outsideContent,
} from "./image-files.ts";
import type { ImageSettings } from "./image-options.ts";
import type { Image } from "../digest/view-model.ts";
import { picture } from "./picture.ts";

/** What the articles' images became. */
export interface ArticleImages {
  /** The articles, those with body images replaced by copies whose body shows the pictures. */
  articles: Article[];
  /** Lead images by article (of `articles`). */
  images: Map<Article, Image>;
  /** The source file of each usable lead image (for the social cards). */
  sources: Map<Article, string>;
  /** Variant files to publish under media/. */
  assets: CopiedFile[];
  work: ImageWork;
}

/** Resolves, checks and processes the lead and body images of `articles`; records one problem per bad image in `errors`. */
export async function articleImages(
  input: readonly Article[],
  paths: { contentDir: string; root: string },
  settings: ImageSettings,
  errors: Problem[],
  processing?: ImageProcessing,
): Promise<ArticleImages> {
  const resolve = (a: Article, written: string) => imagePath(paths.root, paths.contentDir, a.file, written);
  const wanted: string[] = [];
  for (const a of input) {
    for (const written of [a.image?.path, ...(a.bodyImages ?? []).map((b) => b.path)]) {
      const path = written === undefined ? null : resolve(a, written);
      if (path) wanted.push(path);
    }
  }
  const { results, assets, work } = await loadImages(wanted, settings, processing);
  const images = new Map<Article, Image>();
  const sources = new Map<Article, string>();
  const articles = input.map((a) => {
    const lead = a.image
      ? use(a.file, a.image.path, resolve(a, a.image.path), (message) =>
          errors.push({ file: a.file, field: "image", message: `${message}; got "${a.image?.path}"` }),
        )
      : undefined;
    const body = (a.bodyImages ?? []).map((b) => {
      const at = { file: a.file, field: "body", ...(b.line === undefined ? {} : { line: b.line }) };
      const found = use(a.file, b.path, resolve(a, b.path), (message) =>
        errors.push({ ...at, message: `image ${JSON.stringify(b.path)} ${message}` }),
      );
      return found ? picture({ ...found, alt: b.alt, title: b.title }, "lazy").value : "";
    });
    // Copies, never edits: a running dev server keeps the parsed article, placeholders and all, for the next build.
    const placed: Article =
      body.length === 0
        ? a
        : {
            ...a,
            bodyHtml: placeImages(htmlOf(a.bodyHtml), body),
            bodyKey: `${a.bodyKey ?? ""}+${md5(body.join("\n"))}`,
          };
    if (lead && a.image) {
      images.set(placed, { ...lead, alt: a.image.alt, credit: a.image.credit });
      const source = resolve(a, a.image.path);
      if (source) sources.set(placed, source);
    }
    return placed;
  });
  return { articles, images, sources, assets, work };

  function use(
    articleFile: string,
    written: string,
    path: string | null,
    report: (message: string) => void,
  ): Omit<Image, "alt"> | undefined {
    if (path === null) {
      // Inside by its name but not by its real path: a symbolic link leads out.
      const named = resolvePath(paths.root, dirname(articleFile), written);
      const link = written !== "" && isInside(resolvePath(paths.contentDir), named);
      return void report(written === "" ? "is empty" : link ? linksOutside : outsideContent);
    }
    const result = results.get(path);
    if (!result) return undefined;
    if ("problem" in result) return void report(result.problem);
    return result.image;
  }
}

function md5(text: string): string {
  return createHash("md5").update(text).digest("base64url");
}
