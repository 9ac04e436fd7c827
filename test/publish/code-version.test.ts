// The code version: a hash of the files that shape the pages.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeVersion } from "../../src/publish/code-version.ts";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "broadsheet-version-"));
  write("layouts/base.ts", "export const a = 1;\n");
  write("layouts/assets/site.css", "body { color: black }\n");
  write("src/pages.ts", "export const b = 2;\n");
  write("package-lock.json", '{"lockfileVersion":3}\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
/** The version as the build computes it: layouts, src and the lock file. */
const version = () => codeVersion([join(root, "layouts"), join(root, "src"), join(root, "package-lock.json")]);

describe("codeVersion", () => {
  it("is the same for the same files, read twice", () => {
    expect(version()).toBe(version());
    expect(version()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("does not depend on the order the paths are given in", () => {
    const paths = [join(root, "layouts"), join(root, "src")];
    expect(codeVersion(paths)).toBe(codeVersion([...paths].reverse()));
  });

  it.each([
    ["a layout", "layouts/base.ts", "export const a = 2;\n"],
    ["a file in a nested folder", "layouts/assets/site.css", "body { color: red }\n"],
    ["a source file", "src/pages.ts", "export const b = 3;\n"],
    ["a file given by name", "package-lock.json", '{"lockfileVersion":4}\n'],
  ])("changes when %s changes", (_name, path, text) => {
    const before = version();
    write(path, text);
    expect(version()).not.toBe(before);
  });

  it("changes when a file is added, removed or renamed", () => {
    const before = version();
    write("src/new.ts", "");
    const added = version();
    expect(added).not.toBe(before);
    unlinkSync(join(root, "src/new.ts"));
    expect(version()).toBe(before);
    unlinkSync(join(root, "src/pages.ts"));
    write("src/renamed.ts", "export const b = 2;\n");
    expect(version()).not.toBe(before);
  });
});
