/**
 * Summary statistics and the significance tests of a report: a paired t-test and an exact
 * Wilcoxon signed-rank test over the seeds both rows share (two-sided, as scipy.stats.ttest_rel
 * and scipy.stats.wilcoxon).
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

export interface TestResult {
  statistic: number;
  p: number;
  n: number;
}

/** Two-sided paired t-test of x against y (equal lengths, paired by position). */
export function pairedTTest(x: readonly number[], y: readonly number[]): TestResult | undefined {
  const n = x.length;
  if (n < 2 || y.length !== n) return undefined;
  const d = x.map((v, i) => v - y[i]);
  const m = mean(d);
  const s = std(d);
  if (s === 0) return { statistic: m === 0 ? 0 : Math.sign(m) * Infinity, p: m === 0 ? 1 : 0, n };
  const t = m / (s / Math.sqrt(n));
  const df = n - 1;
  return { statistic: t, p: incompleteBeta(df / (df + t * t), df / 2, 0.5), n };
}

/**
 * Two-sided Wilcoxon signed-rank test with the exact null distribution (zero differences dropped,
 * tied magnitudes given their average rank), by enumerating all sign patterns: meant for the
 * handful of seeds of a paper's table (at most 20 pairs).
 */
export function wilcoxonSignedRank(x: readonly number[], y: readonly number[]): TestResult | undefined {
  const d = x.map((v, i) => v - y[i]).filter((v) => v !== 0);
  const n = d.length;
  if (n < 1 || n > 20 || y.length !== x.length) return undefined;
  const order = d.map((v, i) => [Math.abs(v), i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const plus = d.reduce((a, v, i) => a + (v > 0 ? ranks[i] : 0), 0);
  const minus = d.reduce((a, v, i) => a + (v < 0 ? ranks[i] : 0), 0);
  const statistic = Math.min(plus, minus);
  let atMost = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let w = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) w += ranks[i];
    if (w <= statistic + 1e-9) atMost++;
  }
  return { statistic, p: Math.min(1, (2 * atMost) / (1 << n)), n };
}
