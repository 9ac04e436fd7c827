// Test settings: integration tests run whole builds (Eleventy, sharp, Pagefind), which take seconds
// on a busy two-core machine; the 5 s default failed them there for no fault of the code.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
