// `npm test`: unit and integration tests. The browser suite (test/browser/) has its own config and command.
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: { exclude: [...configDefaults.exclude, "test/browser/**"] },
});
