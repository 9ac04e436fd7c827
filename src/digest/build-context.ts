// Per-build state: one build (or one dev rebuild) owns every memo, so two builds never share one.

/** A per-build memo, declared once by the module that uses it: how to make it empty. */
export interface MemoSlot<T> {
  readonly create: () => T;
}

/** Declares a per-build memo; each build's context holds its own, made at its first use in that build. */
export function memoSlot<T>(create: () => T): MemoSlot<T> {
  return { create };
}

/** What one build owns besides its output: the memos of the code that made it. */
export interface BuildContext {
  /** This build's value of `slot`, made empty by the slot at the first call. */
  memo<T>(slot: MemoSlot<T>): T;
}

/** A new build's context: the production build and each dev rebuild make one, and pass it on. */
export function createBuildContext(): BuildContext {
  const memos = new Map<MemoSlot<unknown>, unknown>();
  return {
    memo<T>(slot: MemoSlot<T>): T {
      // The map holds for each slot only a value its own `create` made, so the type is the slot's.
      if (memos.has(slot)) return memos.get(slot) as T;
      const value = slot.create();
      memos.set(slot, value);
      return value;
    },
  };
}
