// `npm run test:browser`: the browser suite, against the sample site built and served once by global-setup.ts.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/browser/**/*.test.ts"],
    globalSetup: ["test/browser/global-setup.ts"],
    // The tests mostly wait on Chromium, so two files at a time keep both cores busy (vitest's default
    // on two cores is one).
    maxWorkers: 2,
    // Building the sample site and starting Chromium take seconds, not milliseconds.
    hookTimeout: 120_000,
    testTimeout: 60_000,
  },
});
