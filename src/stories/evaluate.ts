// Quality of a clustering against labelled true stories: pairwise precision and recall, B-cubed F1.

/** Scores of a predicted clustering; every figure is in [0, 1]. */
export interface Quality {
  /** Of the pairs put in one story, the share that report one event. */
  precision: number;
  /** Of the pairs that report one event, the share put in one story. */
  recall: number;
  /** B-cubed F1: per item precision and recall of its cluster, averaged, then combined. */
  bcubedF1: number;
}

/** Compares predicted cluster labels with true ones, item by item (two equal labels = one story). */
export function evaluateClusters(predicted: readonly string[], truth: readonly string[]): Quality {
  let both = 0;
  let predictedPairs = 0;
  let truePairs = 0;
  let bPrecision = 0;
  let bRecall = 0;
  const n = predicted.length;
  for (let i = 0; i < n; i++) {
    let samePredicted = 0;
    let sameTrue = 0;
    let sameBoth = 0;
    for (let j = 0; j < n; j++) {
      const p = predicted[j] === predicted[i];
      const t = truth[j] === truth[i];
      if (p) samePredicted++;
      if (t) sameTrue++;
      if (p && t) sameBoth++;
      if (j > i) {
        if (p) predictedPairs++;
        if (t) truePairs++;
        if (p && t) both++;
      }
    }
    bPrecision += sameBoth / samePredicted;
    bRecall += sameBoth / sameTrue;
  }
  const bp = n === 0 ? 1 : bPrecision / n;
  const br = n === 0 ? 1 : bRecall / n;
  return {
    precision: predictedPairs === 0 ? 1 : both / predictedPairs,
    recall: truePairs === 0 ? 1 : both / truePairs,
    bcubedF1: bp + br === 0 ? 0 : (2 * bp * br) / (bp + br),
  };
}
