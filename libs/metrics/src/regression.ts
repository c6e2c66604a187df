/** Regression metrics on typed arrays: MSE, MAE and PSNR (peak signal-to-noise ratio, dB). */
export function meanSquaredError(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < truth.length; i++) s += (truth[i] - predicted[i]) ** 2;
  return s / truth.length;
}

export function meanAbsoluteError(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < truth.length; i++) s += Math.abs(truth[i] - predicted[i]);
  return s / truth.length;
}

/** 10 log10(peak^2 / MSE); peak defaults to the largest absolute true value (scikit-image uses the data range). */
export function psnr(truth: ArrayLike<number>, predicted: ArrayLike<number>, peak?: number): number {
  const mse = meanSquaredError(truth, predicted);
  let max = peak ?? 0;
  if (peak === undefined) for (let i = 0; i < truth.length; i++) max = Math.max(max, Math.abs(truth[i]));
  return mse === 0 ? Infinity : 10 * Math.log10((max * max) / mse);
}

export interface RegressionMetrics {
  mse: number;
  mae: number;
  psnr: number;
}

export function regressionMetrics(truth: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  return { mse: meanSquaredError(truth, predicted), mae: meanAbsoluteError(truth, predicted), psnr: psnr(truth, predicted) };
}
