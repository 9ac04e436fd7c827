// `npm test`: unit and integration tests. The browser suite (test/browser/) has its own config and command.
// Integration tests run whole builds (Eleventy, sharp, Pagefind), which take seconds on a busy
// two-core machine; the 5 s default failed them there for no fault of the code.
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: { exclude: [...configDefaults.exclude, "test/browser/**"], testTimeout: 60_000, hookTimeout: 60_000 },
});
