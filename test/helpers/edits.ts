// Author edits for the property tests of the memos and caches: an edit drawn by fast-check, applied to an
// in-memory article list as saving, editing, removing or adding a file would change it.
import fc from "fast-check";
import type { Article } from "../../src/content/article.ts";

/** One edit: a report saved over an article (same URL), a paragraph added, tags replaced, an article removed or added. */
export type Edit<R> =
  | { kind: "save"; at: number; report: R }
  | { kind: "body"; at: number }
  | { kind: "tags"; at: number; tags: string[] }
  | { kind: "remove"; at: number }
  | { kind: "add"; report: R };

/** Edits made of `report`; tag edits only when `tags` is given. */
export function editArb<R>(report: fc.Arbitrary<R>, tags?: fc.Arbitrary<string[]>): fc.Arbitrary<Edit<R>> {
  const kinds: fc.Arbitrary<Edit<R>>[] = [
    fc.record({ kind: fc.constant("save" as const), at: fc.nat(), report }),
    fc.record({ kind: fc.constant("body" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("remove" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("add" as const), report }),
  ];
  if (tags) kinds.push(fc.record({ kind: fc.constant("tags" as const), at: fc.nat(), tags }));
  return fc.oneof(...kinds);
}

/** The list after `edit`; `fresh` makes a new article from a report (each call a new file). */
export function applyEdit<R>(list: readonly Article[], edit: Edit<R>, fresh: (report: R) => Article): Article[] {
  // Any position drawn picks an existing article; an empty list has none to change.
  const at = "at" in edit ? edit.at % Math.max(1, list.length) : 0;
  const changeAt = (change: (a: Article) => Article) => list.map((a, i) => (i === at ? change(a) : a));
  switch (edit.kind) {
    case "add":
      return [...list, fresh(edit.report)];
    case "remove":
      return list.filter((_, i) => i !== at);
    case "body":
      return changeAt((a) => ({ ...a, bodyHtml: `${a.bodyHtml}<p>More.</p>` }));
    case "tags":
      return changeAt((a) => ({ ...a, tags: edit.tags }));
    case "save":
      return changeAt((a) => ({ ...fresh(edit.report), url: a.url, slug: a.slug }));
  }
}
