import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { incompleteBeta, mean, pairedTTest, std, wilcoxonSignedRank } from './stats';

interface Case {
  x: number[];
  y: number[];
  t: number;
  t_p: number;
  w: number;
  w_p: number;
  mean: number;
  std: number;
}
/** Tied |x - y|, zero differences, or both (see tools/reference/stats_reference.py for the scipy options). */
interface WilcoxonCase {
  name: string;
  x: number[];
  y: number[];
  n: number;
  zeros: number;
  tied: boolean;
  /** Some differences are tied or zero only up to floating-point rounding. */
  rounded: boolean;
  w: number | null;
  w_p: number | null;
  untestable?: 'no_difference';
  scipy_1_10_auto_p: number | null;
}
/** Differences that are the same on every seed, and what scipy.stats.ttest_rel makes of them. */
interface TTestCase {
  name: string;
  x: number[];
  y: number[];
  /** A number, or 'inf', '-inf', 'nan'. */
  scipy_t: number | string;
  scipy_p: number | string;
  scipy_precision_loss_warning: boolean;
  untestable: 'zero_variance' | null;
}
const { cases, wilcoxon_cases, ttest_cases } = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'scipy-stats.json'), 'utf8')) as {
  cases: Case[];
  wilcoxon_cases: WilcoxonCase[];
  ttest_cases: TTestCase[];
};
const scipyNumber = (v: number | string) => (typeof v === 'number' ? v : Number(v.replace('inf', 'Infinity')));

describe('statistics against scipy', () => {
  it.each(cases.map((c) => [c.x.length, c] as [number, Case]))('n = %i: mean, std, paired t-test and exact Wilcoxon', (_n, c) => {
    expect(mean(c.x)).toBeCloseTo(c.mean, 12);
    expect(std(c.x)).toBeCloseTo(c.std, 12);
    const t = pairedTTest(c.x, c.y)!;
    expect(t.statistic).toBeCloseTo(c.t, 10);
    expect(t.p).toBeCloseTo(c.t_p, 10);
    const w = wilcoxonSignedRank(c.x, c.y)!;
    expect(w.statistic).toBe(c.w);
    expect(w.p).toBeCloseTo(c.w_p, 10);
  });

  it('computes the regularised incomplete beta function', () => {
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
  });

  it('needs two pairs for a t-test', () => {
    expect(pairedTTest([1], [2])).toBeUndefined();
  });
});

describe('exact Wilcoxon signed-rank test with ties and zeros, against scipy', () => {
  it('has fixtures with tied magnitudes, with zero differences, with both, and beyond 20 pairs', () => {
    expect(wilcoxon_cases.filter((c) => c.tied && c.zeros === 0 && !c.rounded).length).toBeGreaterThanOrEqual(2);
    expect(wilcoxon_cases.filter((c) => c.zeros > 0 && !c.tied && !c.rounded).length).toBeGreaterThanOrEqual(1);
    expect(wilcoxon_cases.filter((c) => c.zeros > 0 && c.tied && !c.rounded && c.n > 0).length).toBeGreaterThanOrEqual(2);
    expect(wilcoxon_cases.some((c) => c.n > 20)).toBe(true);
    // On these, scipy 1.10's default p-value is not the exact one (normal approximation, or ties ignored).
    expect(wilcoxon_cases.filter((c) => c.w_p !== null && c.scipy_1_10_auto_p !== null && Math.abs(c.w_p - c.scipy_1_10_auto_p) > 0.01).length).toBeGreaterThanOrEqual(4);
  });

  it.each(wilcoxon_cases.map((c) => [c.name, c] as [string, WilcoxonCase]))('%s', (_name, c) => {
    const w = wilcoxonSignedRank(c.x, c.y)!;
    expect(w.n).toBe(c.n);
    if (c.untestable) {
      expect(w.untestable).toBe(c.untestable);
      expect(w.p).toBeNaN();
      return;
    }
    expect(w.untestable).toBeUndefined();
    expect(w.statistic).toBe(c.w);
    expect(w.p).toBeCloseTo(c.w_p as number, 12);
    // Two-sided: the order of the two rows does not matter.
    const swapped = wilcoxonSignedRank(c.y, c.x)!;
    expect([swapped.statistic, swapped.p]).toEqual([w.statistic, w.p]);
  });
});

describe('paired t-test when the differences have no variance', () => {
  it.each(ttest_cases.map((c) => [c.name, c] as [string, TTestCase]))('%s', (_name, c) => {
    const t = pairedTTest(c.x, c.y)!;
    const scipyT = scipyNumber(c.scipy_t);
    // Where scipy divides by a zero standard deviation or warns that the data are nearly identical, there is no test.
    if (c.scipy_precision_loss_warning || !Number.isFinite(scipyT)) expect(c.untestable).toBe('zero_variance');
    if (c.untestable) {
      expect(t.untestable).toBe(c.untestable);
      expect(t.p).toBeNaN();
      expect(t.statistic).toBe(Number.isNaN(scipyT) ? Number.NaN : Math.sign(scipyT) * Infinity);
      return;
    }
    expect(t.untestable).toBeUndefined();
    expect(t.statistic / scipyT).toBeCloseTo(1, 6);
    expect(t.p / (c.scipy_p as number)).toBeCloseTo(1, 5);
  });

  it('reports a constant difference of exactly 1.0 as untestable instead of p = 0', () => {
    const t = pairedTTest([1.5, 2.5, 3.5], [0.5, 1.5, 2.5])!;
    expect(t).toEqual({ statistic: Infinity, p: Number.NaN, n: 3, untestable: 'zero_variance' });
    // The Wilcoxon test is defined there: all three differences positive, p = 2 / 2^3.
    expect(wilcoxonSignedRank([1.5, 2.5, 3.5], [0.5, 1.5, 2.5])).toEqual({ statistic: 0, p: 0.25, n: 3 });
  });
});
