import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../src/content/front-matter.ts";

const ok = (text: string) => {
  const split = splitFrontMatter(text);
  if (!split.ok) throw new Error(`expected a parse, got ${JSON.stringify(split.problems)}`);
  return split;
};
const problems = (text: string) => {
  const split = splitFrontMatter(text);
  if (split.ok) throw new Error("expected problems");
  return split.problems;
};

describe("splitFrontMatter", () => {
  it("keeps YAML 1.2 core-schema values: dates and yes/no stay strings", () => {
    const { data } = ok(
      "---\ndate: 2025-08-15\nupdated: 2025-08-15T10:00:00Z\ndraft: true\nyes: yes\nn: 12\nx: ~\n---\nBody",
    );
    expect(data).toEqual({
      date: "2025-08-15",
      updated: "2025-08-15T10:00:00Z",
      draft: true,
      yes: "yes",
      n: 12,
      x: null,
    });
  });

  it("maps every field, list item and nested field to its line in the file", () => {
    const { lines, bodyLine } = ok(
      "---\ntitle: A\ntags:\n  - One\n  - Two\ncorrections:\n  - date: 2025-08-16\n    text: Fixed.\n---\nBody",
    );
    expect(Object.fromEntries(lines())).toEqual({
      title: 2,
      tags: 3,
      "tags[0]": 4,
      "tags[1]": 5,
      corrections: 6,
      "corrections[0]": 7,
      "corrections[0].date": 7,
      "corrections[0].text": 8,
    });
    expect(bodyLine).toBe(10);
  });

  it("refuses aliases, so a billion-laughs file cannot expand", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${"abcdefghij"[i]}: &${"abcdefghij"[i]} [${Array(9)
          .fill(`*${"abcdefghij"[i - 1]}`)
          .join(", ")}]`,
      );
    bomb.push("tags: *i");
    const found = problems(`---\n${bomb.join("\n")}\n---\nBody`);
    expect(found[0]).toEqual({
      line: 3,
      message: "the front matter uses the alias *a; aliases (& and *) are not allowed, write the value out",
    });
    expect(found).toHaveLength(9 * 8 + 1);
  });

  it("refuses merge keys", () => {
    expect(problems("---\ntitle: A\n<<: { date: 2025-08-15 }\n---\n")).toEqual([
      { line: 3, message: "the front matter uses a merge key (<<); merge keys are not allowed, write the fields out" },
    ]);
  });

  it("names the line where an unclosed quote opened and the fields it swallowed", () => {
    const text =
      '---\ntitle: T\nsummary: "Lanes will run\nimage: ./a.jpg\nimageAlt: A lane\nimageCredit: "Photo: X"\n---\n';
    expect(problems(text)).toEqual([
      {
        line: 3,
        message:
          "summary runs on to line 6 and swallows image:, imageAlt:, imageCredit:; is a closing quote missing on line 3?",
      },
    ]);
  });

  it("points a never-closed quote to its opening line, not to the end of the front matter", () => {
    expect(problems("---\ntitle: T\nsummary: 'It runs on\nand on\n---\n")).toEqual([
      {
        line: 3,
        message: "summary: the quote opened on this line is never closed; add the closing ' at the end of the value",
      },
    ]);
  });

  it("accepts a quoted value over several lines that swallows no field, and escaped quotes", () => {
    const { data } = ok('---\nsummary: "One line\n  and the next"\ntitle: "Say \\"hi\\""\nsource: \'It\'\'s\'\n---\n');
    expect(data).toEqual({ summary: "One line and the next", title: 'Say "hi"', source: "It's" });
  });

  it("asks for quotes around a value with a colon and a space", () => {
    expect(problems("---\ntitle: Breaking: council votes\ndate: 2025-08-15\n---\n")).toEqual([
      {
        line: 2,
        message:
          'quote the title: a colon followed by a space starts a new field; write title: "Breaking: council votes"',
      },
    ]);
  });

  it("names a field given twice, and a tab used as indentation", () => {
    expect(problems("---\ntitle: A\ntitle: B\n---\n")).toEqual([
      { field: "title", line: 3, message: "is given twice; keep one of them" },
    ]);
    expect(problems("---\ntags:\n\t- A\n---\n")[0]?.message).toBe("a tab is used for indentation; use spaces");
  });
});
