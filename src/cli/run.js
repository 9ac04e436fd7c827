// Entry of every command (`node src/cli/run.js <command>`). Node 22.18 and later strip TypeScript's
// types themselves; older Node (20) loads tsx first (start-up.js). Plain JavaScript, so that any Node
// can read it.
import { PRELOADED, startUp } from "./start-up.js";

const [command, ...options] = process.argv.slice(2);
const help = options.some((option) => option === "--help" || /^-[a-z]*h/.test(option));
// Where tsx is needed, `build` and `start` load their packages before it; `--help` needs none of them.
await startUp((command === "build" || command === "start") && !help ? PRELOADED : [], { batch: command === "build" });
await import("./main.ts");
