// A fixed number of workers over a list of jobs: images and cards are processed a few at a time.

/** A fixed number of workers take the next job until none is left; a failure stops new work and is rethrown. */
export async function pool<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    try {
      while (next < items.length) await run(items[next++] as T);
    } catch (error) {
      next = items.length;
      throw error;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
