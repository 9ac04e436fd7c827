// The edit applier the property tests share: each kind of edit changes the list as the file change would.
import { describe, expect, it } from "vitest";
import { article } from "./articles.ts";
import { applyEdit, type Edit } from "./edits.ts";

const list = [article("a", "2026-11-02T08:00:00Z"), article("b", "2026-11-02T09:00:00Z")];
const fresh = (r: string) => article(r, "2026-11-03T10:00:00Z", { tags: ["Ashford"] });
const view = (l: readonly ReturnType<typeof fresh>[]) => l.map((a) => [a.slug, a.url, a.bodyHtml, a.tags]);

describe("applyEdit", () => {
  const cases: [string, Edit<string>, unknown[]][] = [
    ["adds at the end", { kind: "add", report: "c" }, [...view(list), view([fresh("c")])[0]]],
    ["removes the one at a position taken modulo the length", { kind: "remove", at: 3 }, view(list.slice(0, 1))],
    ["lengthens one body", { kind: "body", at: 0 }, [["a", list[0]?.url, "<p>a</p><p>More.</p>", []], view(list)[1]]],
    [
      "replaces one's tags",
      { kind: "tags", at: 1, tags: ["Weather"] },
      [view(list)[0], ["b", list[1]?.url, "<p>b</p>", ["Weather"]]],
    ],
    [
      "saves a report over one, keeping its slug and URL",
      { kind: "save", at: 1, report: "c" },
      [view(list)[0], ["b", list[1]?.url, "<p>c</p>", ["Ashford"]]],
    ],
  ];
  it.each(cases)("%s", (_, edit, expected) => {
    expect(view(applyEdit(list, edit, fresh))).toEqual(expected);
  });

  it("leaves an empty list empty on a change and fills it on an add", () => {
    expect(applyEdit([], { kind: "body", at: 5 }, fresh)).toEqual([]);
    expect(view(applyEdit([], { kind: "add", report: "c" }, fresh))).toEqual(view([fresh("c")]));
  });
});
