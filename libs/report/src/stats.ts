/**
 * Summary statistics and the significance tests of a report: a paired t-test and an exact
 * Wilcoxon signed-rank test over the seeds both rows share (two-sided, as scipy.stats.ttest_rel
 * and scipy.stats.wilcoxon; the options are at each test, the reference values in
 * fixtures/scipy-stats.json, written by tools/reference/stats_reference.py).
 *
 * Both tests compare the differences x_i - y_i, and both treat two differences that are equal up
 * to the floating-point rounding of the values they come from as equal: a variant 0.01 above its
 * baseline on every seed gives differences 0.01 that differ in their last bits (0.82 - 0.81 and
 * 0.81 - 0.80 are not the same double), and those bits must not decide a test.
 */
export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (n - 1); 0 for a single value. */
export function std(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (Numerical Recipes, betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * Two differences closer than this, relative to the largest |x|, |y| or |x - y| of the pairs, are
 * the same number: 10 x float64's resolution (1e-15), the threshold under which scipy warns of
 * catastrophic cancellation on "nearly identical" data. Rounding each value to a double and
 * subtracting moves a difference by a few 1e-16 of that scale; no seed-to-seed variation that
 * small is a result.
 */
const ROUNDING = 1e-14;

function roundingTolerance(x: readonly number[], y: readonly number[]): number {
  let scale = 0;
  for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]), Math.abs(y[i]), Math.abs(x[i] - y[i]));
  return ROUNDING * scale;
}

/**
 * Why a test gives no p-value for pairs it was given:
 * - `zero_variance` (paired t-test): the difference is the same on every seed (0 included), up to
 *   rounding, so t = mean / (0 / sqrt(n)) is undefined. scipy.stats.ttest_rel returns t = inf and
 *   p = 0 (nan and nan when every difference is 0), or, when rounding leaves the differences a
 *   few 1e-17 apart, a t of 1e14 and a p of 1e-29; neither is a probability worth a dagger.
 * - `no_difference` (Wilcoxon): every difference is 0, which leaves nothing to rank
 *   (scipy.stats.wilcoxon raises an error).
 */
export type Untestable = 'zero_variance' | 'no_difference';

export interface TestResult {
  statistic: number;
  /** NaN when the test is undefined for these pairs (then `untestable` says why). */
  p: number;
  /** Pairs the test used (the Wilcoxon test drops zero differences). */
  n: number;
  untestable?: Untestable;
}

/**
 * Two-sided paired t-test of x against y (equal lengths, paired by position), as
 * scipy.stats.ttest_rel, except where the differences have no variance: then no p-value
 * (`untestable: 'zero_variance'`, statistic ±Infinity, or NaN when the differences are 0).
 */
export function pairedTTest(x: readonly number[], y: readonly number[]): TestResult | undefined {
  const n = x.length;
  if (n < 2 || y.length !== n) return undefined;
  const d = x.map((v, i) => v - y[i]);
  const m = mean(d);
  const tolerance = roundingTolerance(x, y);
  if (d.every((v) => Math.abs(v - m) <= tolerance)) {
    return { statistic: Math.abs(m) <= tolerance ? Number.NaN : Math.sign(m) * Infinity, p: Number.NaN, n, untestable: 'zero_variance' };
  }
  const s = std(d);
  const t = m / (s / Math.sqrt(n));
  const df = n - 1;
  return { statistic: t, p: incompleteBeta(df / (df + t * t), df / 2, 0.5), n };
}

/**
 * Two-sided Wilcoxon signed-rank test with the exact null distribution, as
 *
 *     scipy.stats.wilcoxon(d, zero_method="wilcox", alternative="two-sided",
 *                          method=scipy.stats.PermutationMethod(n_resamples=np.inf))
 *
 * on the differences d = x - y with those equal up to rounding made equal: zero differences are
 * dropped, tied magnitudes get their average rank, and the p-value is exact and conditional on
 * the ties, from the distribution of the positive rank sum over all 2^n sign patterns. That is
 * scipy's default (method="auto") from scipy 1.15 on for up to 13 pairs, and its method="exact"
 * when there are neither ties nor zeros. Older scipy (1.10, Debian bookworm) gives other p-values
 * by default with ties or zeros: with zeros it switches to the normal approximation, with ties it
 * truncates the statistic and uses the distribution without ties. The statistic is min(W+, W-),
 * as scipy's. Every difference 0: no p-value (`untestable: 'no_difference'`).
 */
export function wilcoxonSignedRank(x: readonly number[], y: readonly number[]): TestResult | undefined {
  if (x.length < 1 || y.length !== x.length) return undefined;
  const tolerance = roundingTolerance(x, y);
  const d = x.map((v, i) => v - y[i]).filter((v) => Math.abs(v) > tolerance);
  const n = d.length;
  if (n === 0) return { statistic: Number.NaN, p: Number.NaN, n: 0, untestable: 'no_difference' };
  const order = d.map((v, i) => [Math.abs(v), i] as const).sort((a, b) => a[0] - b[0]);
  // Twice the average ranks, which are integers: magnitudes within rounding of their neighbour tie.
  const doubled = new Array<number>(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && order[j + 1][0] - order[j][0] <= tolerance) j++;
    for (let k = i; k <= j; k++) doubled[order[k][1]] = i + j + 2;
    i = j + 1;
  }
  const plus = d.reduce((a, v, i) => a + (v > 0 ? doubled[i] : 0), 0);
  const minus = d.reduce((a, v, i) => a + (v < 0 ? doubled[i] : 0), 0);
  const smaller = Math.min(plus, minus);
  // probability[s]: probability that the doubled positive rank sum is s when each sign is a fair
  // coin, built one pair at a time (n times the sum of the ranks steps). The values are multiples
  // of 2^-n, so halving and adding them is exact up to 53 pairs.
  const total = plus + minus;
  const probability = new Float64Array(total + 1);
  probability[0] = 1;
  for (const r of doubled) for (let s = total; s >= 0; s--) probability[s] = (probability[s] + (s >= r ? probability[s - r] : 0)) / 2;
  let atMost = 0;
  for (let s = 0; s <= smaller; s++) atMost += probability[s];
  return { statistic: smaller / 2, p: Math.min(1, 2 * atMost), n };
}
