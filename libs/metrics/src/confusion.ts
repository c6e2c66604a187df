/** The confusion matrix: rows are true classes, columns predicted classes (as scikit-learn). */
export type Confusion = number[][];

export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): Confusion {
  if (truth.length !== predicted.length) throw new RangeError(`${truth.length} true labels but ${predicted.length} predictions`);
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) m[truth[i]][predicted[i]]++;
  return m;
}

export const total = (m: Confusion) => m.reduce((a, row) => a + row.reduce((b, v) => b + v, 0), 0);
export const support = (m: Confusion) => m.map((row) => row.reduce((a, v) => a + v, 0));
export const predictedCounts = (m: Confusion) => m[0].map((_, j) => m.reduce((a, row) => a + row[j], 0));
