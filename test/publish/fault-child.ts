// A production build in a process of its own, for the fault-injection tests: `BROADSHEET_FAULT` makes it
// kill itself at one step. SIGINT and SIGTERM are handled as the CLI does: abort the publish, then exit.
// Usage: node --import tsx test/publish/fault-child.ts <content> <output> <cacheDir>
import { build } from "../../.eleventy.ts";
import { abortAll } from "../../src/publish/open-publishes.ts";

const [input, output, cacheDir] = process.argv.slice(2);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    void abortAll().then((left) => {
      const outcome = left ? "the previous output was left as it was" : "the new output was already published";
      process.stderr.write(`${signal}: the build stopped; ${outcome}.\n`);
      process.exit(130);
    });
  });
const summary = await build({ input, output, cacheDir });
process.stdout.write(`${JSON.stringify({ pages: summary.pages, written: summary.written })}\n`);
