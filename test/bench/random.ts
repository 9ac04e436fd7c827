// A small seeded random number generator for generated test data: same seed, same sequence, anywhere.

/** A seeded source of random numbers and the few kinds of draw the corpus needs. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One item of a non-empty list, each equally likely. */
  pick<T>(items: readonly T[]): T;
}

/** mulberry32 (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c): 32 bits of state, fast, plenty for test data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("cannot pick from an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/** Running totals of `weights`, to draw from with `drawIndex`; build it once, draw many times. */
export function cumulativeTable(weights: readonly number[]): Float64Array {
  const table = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, i) => {
    total += weight;
    table[i] = total;
  });
  return table;
}

/** Weights of ranks 1..n under Zipf's law: weight ∝ 1 / rank^exponent. */
export function zipfWeights(n: number, exponent: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** exponent);
}

/** An index into `table` drawn with the table's weights, by binary search: O(log n). */
export function drawIndex(random: Random, table: Float64Array): number {
  if (table.length === 0) throw new RangeError("cannot draw from an empty table");
  const target = random.next() * table[table.length - 1]!;
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (table[mid]! > target) high = mid;
    else low = mid + 1;
  }
  return low;
}
