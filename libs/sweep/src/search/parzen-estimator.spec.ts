/**
 * The Parzen estimators against Optuna 3.1's own (tools/reference/tpe_parzen_reference.py, run with
 * Debian's python3-optuna 3.1.0): the same weights, means and sigmas, categorical weights and log
 * densities (with the -log(sigma) that 3.1 leaves out, optuna/optuna pull request 5110), on float,
 * log, stepped, int, log-int and choice params, with ties, no observation and the age ramp past 25.
 */
import seedrandom from 'seedrandom';
import reference from '../../fixtures/tpe-parzen-reference.json';
import { defaultWeights, fitParzen, logPdfParzen, sampleParzen } from './parzen-estimator';
import { goodCount } from './tpe-sampler';
import type { SearchParam } from './types';

/** |a - b| <= tol * max(1, |b|), element by element. */
function expectClose(actual: readonly number[], expected: readonly number[], tol = 1e-12) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const b = expected[i];
    if (Math.abs(a - b) > tol * Math.max(1, Math.abs(b))) throw new Error(`element ${i}: ${a} vs Optuna's ${b} (tolerance ${tol})\n  actual:   ${actual.join(', ')}\n  expected: ${expected.join(', ')}`);
  });
}

describe('Parzen estimator, against Optuna 3.1', () => {
  it('was computed with Optuna 3.1', () => {
    expect(reference.optuna).toBe('3.1.0');
  });

  it.each(reference.estimators.map((e) => [e.name, e] as const))('%s: weights, components and log density', (_name, e) => {
    const param = e.param as SearchParam;
    const est = fitParzen(param, e.observations, 1);
    expectClose(est.weights, e.weights);
    if ('categorical_weights' in e && e.categorical_weights) {
      e.categorical_weights.forEach((row, i) => expectClose(est.categorical![i], row));
    } else {
      const numeric = e as typeof e & { low: number; high: number; q: number | null; mus: number[]; sigmas: number[] };
      expectClose([est.low!, est.high!], [numeric.low, numeric.high]);
      expect(est.q ?? null).toBe(numeric.q);
      expectClose(est.mus!, numeric.mus);
      expectClose(est.sigmas!, numeric.sigmas);
    }
    expectClose(logPdfParzen(est, e.points), e.log_pdf, 1e-9);
  });

  it("differs from 3.1's density only by the sigma term it leaves out", () => {
    // A stepped value's probability is a mass (no sigma term); a log int is continuous in its log, as in 3.1.
    const stepped = reference.estimators.filter((e) => e.param.type === 'choice' || 'step' in e.param || (e.param.type === 'int' && !('log' in e.param)));
    const continuous = reference.estimators.filter((e) => !stepped.includes(e) && e.observations.length > 0);
    for (const e of stepped) expectClose(e.log_pdf, e.log_pdf_3_1, 1e-12);
    for (const e of continuous) expect(e.log_pdf).not.toEqual(e.log_pdf_3_1);
  });

  it("has Optuna's default weights and default gamma", () => {
    for (const [n, w] of Object.entries(reference.default_weights)) expectClose(defaultWeights(Number(n)), w);
    for (const [n, g] of Object.entries(reference.default_gamma)) expect(goodCount(Number(n))).toBe(g);
  });
});

describe('sampling a Parzen estimator', () => {
  const random = seedrandom('parzen-sampling');

  it('draws a choice as often as its mixture probability', () => {
    const param: SearchParam = { type: 'choice', values: ['sgd', 'adam', 'adamw'] };
    const est = fitParzen(param, [0, 1, 1, 2, 1, 0, 1], 1);
    const n = 20000;
    const draws = sampleParzen(est, random, n);
    const probs = logPdfParzen(est, [0, 1, 2]).map(Math.exp);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    probs.forEach((p, k) => expect(Math.abs(draws.filter((d) => d === k).length / n - p)).toBeLessThan(0.015));
  });

  it.each([
    ['uniform', { type: 'uniform', low: 0, high: 1 }, [0.12, 0.9, 0.47, 0.33, 0.5, 0.71]],
    ['log_uniform', { type: 'log_uniform', low: 1e-4, high: 1e-1 }, [3e-4, 2e-3, 2.5e-3, 0.05]],
  ] as Array<[string, SearchParam, number[]]>)('draws a %s param with the density it computes (a histogram against the integral)', (_name, param, obs) => {
    const est = fitParzen(param, obs, 1);
    const n = 10000;
    const draws = sampleParzen(est, random, n);
    const [lo, hi] = [est.low!, est.high!];
    const bins = 10;
    const t = (v: number) => (param.type === 'log_uniform' ? Math.log(v) : v);
    expect(draws.every((v) => t(v) >= lo - 1e-12 && t(v) <= hi + 1e-12)).toBe(true);
    for (let b = 0; b < bins; b++) {
      const [a, z] = [lo + ((hi - lo) * b) / bins, lo + ((hi - lo) * (b + 1)) / bins];
      // The mass of the bin, by the midpoint rule on 200 points of the transformed space.
      const xs = Array.from({ length: 200 }, (_, i) => a + ((z - a) * (i + 0.5)) / 200);
      const values = xs.map((x) => (param.type === 'log_uniform' ? Math.exp(x) : x));
      const density = logPdfParzen(est, values).map(Math.exp);
      const mass = (density.reduce((s, p) => s + p, 0) * (z - a)) / 200;
      const seen = draws.filter((v) => t(v) >= a && t(v) < z).length / n;
      expect(Math.abs(seen - mass)).toBeLessThan(0.012);
    }
  });

  it('draws stepped values on their step, with the probabilities it computes', () => {
    const param: SearchParam = { type: 'uniform', low: 0, high: 0.5, step: 0.05 };
    const est = fitParzen(param, [0.1, 0.1, 0.25, 0.5, 0, 0.35, 0.1], 1);
    const values = Array.from({ length: 11 }, (_, k) => Number((k * 0.05).toFixed(2)));
    const probs = logPdfParzen(est, values).map(Math.exp);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    const n = 20000;
    const draws = sampleParzen(est, random, n);
    expect(draws.every((d) => values.includes(d))).toBe(true);
    values.forEach((v, k) => expect(Math.abs(draws.filter((d) => d === v).length / n - probs[k])).toBeLessThan(0.012));
  });
});
