/** Regression metrics on typed arrays: MSE, MAE, RMSE, R² and PSNR (peak signal-to-noise ratio, dB). */
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

/**
 * 10 log10(peak^2 / MSE), in dB; Infinity when the prediction is exact. With the data range as
 * peak this is scikit-image's peak_signal_noise_ratio(truth, predicted, data_range=peak). Without
 * a peak (as in regressionMetrics) it is the largest absolute true value, which is the data range
 * only for signals in [0, max]: for targets in [-1, 1] it gives 6 dB less than data_range = 2.
 */
export function psnr(truth: ArrayLike<number>, predicted: ArrayLike<number>, peak?: number): number {
  const mse = meanSquaredError(truth, predicted);
  let max = peak ?? 0;
  if (peak === undefined) for (let i = 0; i < truth.length; i++) max = Math.max(max, Math.abs(truth[i]));
  return mse === 0 ? Infinity : 10 * Math.log10((max * max) / mse);
}

/** The coefficient of determination 1 - SS_res / SS_tot (scikit-learn's r2_score): 1 exact, 0 as good as the mean; NaN when the truth is constant. */
export function rSquared(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < truth.length; i++) mean += truth[i];
  mean /= truth.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < truth.length; i++) {
    residual += (truth[i] - predicted[i]) ** 2;
    total += (truth[i] - mean) ** 2;
  }
  return total === 0 ? Number.NaN : 1 - residual / total;
}

export interface RegressionMetrics {
  mse: number;
  mae: number;
  rmse: number;
  r2: number;
  psnr: number;
}

export function regressionMetrics(truth: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  const mse = meanSquaredError(truth, predicted);
  return { mse, mae: meanAbsoluteError(truth, predicted), rmse: Math.sqrt(mse), r2: rSquared(truth, predicted), psnr: psnr(truth, predicted) };
}
