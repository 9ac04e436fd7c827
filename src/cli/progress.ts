// Progress of long work: one updating line on a terminal, a few plain lines in CI logs.

/** Where progress goes and how time is read. */
export interface ProgressOptions {
  /** The stream written to. Default: standard error. */
  stream: { isTTY?: boolean; write(text: string): unknown };
  /** Milliseconds from some fixed start. Default: performance.now. */
  clock: () => number;
}

/** A `(done, total)` callback that reports "label: 12/200, about 31 s left". */
export function progressReporter(
  label: string,
  options: Partial<ProgressOptions> = {},
): (done: number, total: number) => void {
  const { stream, clock } = { stream: process.stderr, clock: () => performance.now(), ...options };
  const started = clock();
  let lastQuarter = 0;
  return (done, total) => {
    if (total === 0) return;
    const elapsed = (clock() - started) / 1000;
    const left = done === 0 ? "" : `, about ${Math.ceil((elapsed / done) * (total - done))} s left`;
    const line = `${label}: ${done}/${total}${done === total ? ` in ${elapsed.toFixed(1)} s` : left}`;
    if (stream.isTTY) {
      stream.write(`\r${line}\u001b[K${done === total ? "\n" : ""}`);
      return;
    }
    // Without a terminal, one line a quarter keeps CI logs short.
    const quarter = Math.floor((done / total) * 4);
    if (quarter > lastQuarter || done === total) {
      lastQuarter = quarter;
      stream.write(`${line}\n`);
    }
  };
}
