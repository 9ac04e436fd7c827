// Publishes of this process still under way, so that a SIGINT or SIGTERM handler can end them all and
// leave the output as it was.

/** A publish that can be aborted: resolves false when its switch had already happened. */
interface Abortable {
  abort(): Promise<boolean>;
}

/** Publishers of this process that have not committed or aborted, for `abortAll`. */
export const openPublishes = new Set<Abortable>();

/**
 * Aborts every publish of this process still under way: what a SIGINT or SIGTERM handler awaits before it
 * exits. Resolves false when a switch had already happened (say the new output was published, not "left as it was").
 */
export async function abortAll(): Promise<boolean> {
  return (await Promise.all([...openPublishes].map((publisher) => publisher.abort()))).every(Boolean);
}
