// Where things are in front matter: `yaml`'s nodes keep their offsets, so syntax errors, aliases, merge
// keys and fields can be named with their line. Slower than js-yaml, so asked only when needed.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";

/** A problem found while reading the front matter: a line when known, and a field when there is one. */
export interface SplitProblem {
  message: string;
  line?: number;
  field?: string;
}

function parsed(yaml: string) {
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { schema: "core", merge: false, lineCounter: counter, uniqueKeys: true });
  return { doc, lineAt: (offset: number) => counter.linePos(offset).line + 1 };
}

/** Syntax errors in authors' words, aliases and merge keys, each with its line. */
export function positionedProblems(yaml: string): SplitProblem[] {
  const { doc, lineAt } = parsed(yaml);
  if (doc.errors.length > 0) return doc.errors.map((e) => yamlProblem(e, yaml, lineAt));
  const refused: SplitProblem[] = [];
  visit(doc, {
    Alias(_key, node) {
      refused.push({
        message: `the front matter uses the alias *${node.source}; aliases (& and *) are not allowed, write the value out`,
        line: lineAt(node.range?.[0] ?? 0),
      });
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === "<<")
        refused.push({
          message: "the front matter uses a merge key (<<); merge keys are not allowed, write the fields out",
          line: lineAt(pair.key.range?.[0] ?? 0),
        });
    },
  });
  return refused;
}

/** Each field's line in the file (`title`, `tags[2]`, `corrections[0].date`); the YAML starts on line 2. */
export function positions(yaml: string): Map<string, number> {
  const { doc, lineAt } = parsed(yaml);
  const lines = new Map<string, number>();
  if (doc.contents) fieldLines(doc.contents as Node, "", lines, lineAt);
  return lines;
}

function fieldLines(node: Node, path: string, lines: Map<string, number>, lineAt: (offset: number) => number): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const name = `${path === "" ? "" : `${path}.`}${String(pair.key.value)}`;
      lines.set(name, lineAt(pair.key.range?.[0] ?? 0));
      if (pair.value && !isAlias(pair.value)) fieldLines(pair.value as Node, name, lines, lineAt);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const name = `${path}[${i}]`;
      const range = (item as Node | null)?.range;
      if (range) lines.set(name, lineAt(range[0]));
      if (item && !isAlias(item)) fieldLines(item as Node, name, lines, lineAt);
    });
  }
}

/** A YAML syntax error in an author's words; the parser's own words only when no better ones are known. */
function yamlProblem(
  error: { code: string; message: string; pos: [number, number] },
  yaml: string,
  lineAt: (offset: number) => number,
): SplitProblem {
  const line = lineAt(error.pos[0]);
  const text = yaml.split("\n")[line - 2] ?? "";
  const field = /^([A-Za-z][\w-]*):/.exec(text)?.[1];
  const named = field === undefined ? {} : { field };
  if (error.code === "BLOCK_AS_IMPLICIT_KEY" || error.code === "MULTILINE_IMPLICIT_KEY") {
    if (
      field !== undefined &&
      /^[^"'\s]/.test(text.slice(field.length + 1).trim()) &&
      /:\s/.test(text.slice(field.length + 1))
    )
      return {
        line,
        message: `quote the ${field}: a colon followed by a space starts a new field; write ${field}: "${text
          .slice(field.length + 1)
          .trim()
          .replace(/"/g, '\\"')}"`,
      };
    return { ...named, line, message: "the indentation is wrong here; start each field at the beginning of its line" };
  }
  if (error.code === "TAB_AS_INDENT") return { line, message: "a tab is used for indentation; use spaces" };
  if (error.code === "DUPLICATE_KEY") return { ...named, line, message: "is given twice; keep one of them" };
  const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  return { line, message: `the front matter is not valid YAML: ${reason}` };
}
