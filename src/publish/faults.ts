// Fault injection for the crash-safety tests: the publisher names each step of a build (a page added,
// the writer finished, the link made, the switch), and a plan can make the process kill itself at one.
// Off unless `BROADSHEET_FAULT` is set, e.g. `BROADSHEET_FAULT=37:SIGKILL` (the 37th step).

/** Called at each step of a publish with the step's name. */
export type StepHook = (step: string) => void;

/** Does nothing: the hook of every build that is not a fault-injection test. */
export const noFaults: StepHook = () => undefined;

/**
 * The hook a plan such as `37:SIGKILL` asks for: at the 37th step, the process sends itself that signal.
 * `count` instead writes each step's number and name to standard error, to choose kill points.
 */
export function faultPlan(
  plan: string | undefined,
  kill: (signal: string) => void = (signal) => void process.kill(process.pid, signal),
): StepHook {
  if (plan === undefined || plan === "") return noFaults;
  let steps = 0;
  if (plan === "count") return (step) => void process.stderr.write(`fault step ${++steps} ${step}\n`);
  const [at, signal = "SIGKILL"] = plan.split(":");
  const target = Number(at);
  if (!Number.isSafeInteger(target) || target < 1)
    throw new Error(`BROADSHEET_FAULT: expected <step>:<signal>, got ${plan}`);
  return () => {
    if (++steps === target) kill(signal);
  };
}
