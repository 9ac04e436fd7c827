// The architecture as rules a test can check: the folder list in docs/architecture.md, the layering
// (src/ never knows Eleventy or the layouts), no import cycles, a header comment on every file.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const src = join(root, "src");
/** Every .ts file under src/, relative to the project root, with forward slashes. */
const files = readdirSync(src, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".ts"))
  .map((f) => relative(root, join(src, f)).split("\\").join("/"))
  .sort();
const text = new Map(files.map((f) => [f, readFileSync(join(root, f), "utf8")]));
// The folder where engineer-written adapters between src/ and Eleventy live: the one place allowed to know it.
const ADAPTERS = "src/build/";

/** Module specifiers of a file: static and side-effect imports, re-exports, dynamic imports, require(). */
function specifiers(code: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\sfrom\s*"([^"]+)"/gm,
    /^\s*import\s*"([^"]+)"/gm,
    /\bimport\(\s*"([^"]+)"\s*\)/g,
    /\brequire\w*\(\s*"([^"]+)"\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1] ?? ""));
}

/** The project-relative file a relative specifier names, or undefined for a package. */
function target(from: string, spec: string): string | undefined {
  return spec.startsWith(".")
    ? relative(root, resolve(root, dirname(from), spec))
        .split("\\")
        .join("/")
    : undefined;
}

describe("docs/architecture.md", () => {
  it("lists exactly the folders of src/ that hold code, one line each", () => {
    const docs = readFileSync(join(root, "docs/architecture.md"), "utf8");
    const block = docs.match(/<!-- folders[^>]*-->\n([\s\S]*?)<!-- \/folders -->/)?.[1] ?? "";
    const listed = [...block.matchAll(/^- `(src\/[^`]+\/)`: \S/gm)].map((m) => m[1]);
    const folders = [...new Set(files.map((f) => `${dirname(f)}/`))].sort();
    expect(block.trim().split("\n").length).toBe(listed.length);
    expect([...listed].sort()).toEqual(folders);
  });
});

describe("src/", () => {
  it("never imports Eleventy or the layouts (only the adapters in src/build/ may)", () => {
    const offences = files
      .filter((f) => !f.startsWith(ADAPTERS))
      .flatMap((f) => {
        const code = text.get(f) ?? "";
        const bad = specifiers(code).filter(
          (spec) => spec.startsWith("@11ty/") || target(f, spec)?.startsWith("layouts/") === true,
        );
        // A package name in a string defeats the import patterns (a dynamic import of a constant).
        if (/"@11ty\//.test(code)) bad.push("a string naming @11ty/");
        return bad.map((spec) => `${f}: ${spec}`);
      });
    expect(offences).toEqual([]);
  });

  it("has no import cycles between its files (type imports included)", () => {
    const graph = new Map(
      files.map((f) => [
        f,
        specifiers(text.get(f) ?? "").flatMap((spec) => {
          const to = target(f, spec);
          return to && text.has(to) ? [to] : [];
        }),
      ]),
    );
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) {
        const stack = [...path, file];
        if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].join(" → "));
        else if (!state.has(next)) visit(next, stack);
      }
      state.set(file, "done");
    };
    for (const file of files) if (!state.has(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("opens every file with a comment saying what it holds", () => {
    const bare = files.filter((f) => !/^\/\/ \S|^\/\*\*? \S/.test(text.get(f) ?? ""));
    expect(bare).toEqual([]);
  });
});

describe("the checks themselves", () => {
  it("find every kind of import", () => {
    const code = [
      'import { a } from "./a.ts";',
      'import type { B } from "../b.ts";',
      'export { c } from "@11ty/eleventy";',
      'import "./side-effect.ts";',
      'const d = await import("./d.ts");',
      'const e = requirePackage("fontkit");',
      'import {\n  f,\n  g,\n} from "./multi-line.ts";',
    ].join("\n");
    expect(specifiers(code).sort()).toEqual(
      ["../b.ts", "./a.ts", "./d.ts", "./multi-line.ts", "./side-effect.ts", "@11ty/eleventy", "fontkit"].sort(),
    );
  });
});
