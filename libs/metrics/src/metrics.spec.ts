/**
 * Every metric against scikit-learn 1.2, and PSNR against 10 log10(data_range^2 / MSE) computed with
 * scikit-learn's MSE and with torch (fixtures/sklearn-metrics.json, tools/reference/metrics_reference.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classificationMetrics } from './classification';
import { confusionMatrix } from './confusion';
import { meanAbsoluteError, meanSquaredError, psnr, regressionMetrics } from './regression';

interface Case {
  name: string;
  classes: number;
  truth: number[];
  pred: number[];
  confusion: number[][];
  per_class_precision: number[];
  per_class_recall: number[];
  per_class_f1: number[];
  precision_weighted: number;
  precision_micro: number;
  [metric: string]: unknown;
}
interface PsnrCase {
  name: string;
  /** Values that are float32 (as ablate's targets and predictions are). */
  float32: boolean;
  truth: number[];
  pred: number[];
  data_range: number;
  /** 10 log10(data_range^2 / MSE), MSE from scikit-learn; the same from torch in float64. */
  psnr: number;
  psnr_torch: number;
  /** The same with the peak that applies when none is given: the largest |truth|. */
  psnr_max_abs_truth: number;
}
const reference = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn-metrics.json'), 'utf8')) as {
  classification: Case[];
  regression: Record<string, number & number[]>;
  psnr: PsnrCase[];
};

describe('classification metrics', () => {
  it.each(reference.classification.map((c) => [c.name, c] as [string, Case]))('%s', (_name, c) => {
    const m = confusionMatrix(c.truth, c.pred, c.classes);
    expect(m).toEqual(c.confusion);
    const got = classificationMetrics(m);
    for (const key of ['oa', 'aa', 'kappa', 'f1_macro', 'f1_weighted', 'precision_macro', 'recall_macro', 'precision_weighted', 'recall_weighted'] as const) {
      expect([key, got[key]]).toEqual([key, expect.closeTo(c[key] as number, 12)]);
    }
    got.per_class.precision.forEach((p, k) => expect(p).toBeCloseTo(c.per_class_precision[k], 12));
    got.per_class.recall.forEach((r, k) => expect(r).toBeCloseTo(c.per_class_recall[k], 12));
    got.per_class.f1.forEach((f, k) => expect(f).toBeCloseTo(c.per_class_f1[k], 12));
  });

  it('computes weighted precision as the support-weighted mean, which differs from micro precision', () => {
    const c = reference.classification[1];
    const got = classificationMetrics(confusionMatrix(c.truth, c.pred, c.classes));
    expect(Math.abs(c.precision_weighted - c.precision_micro)).toBeGreaterThan(0.01);
    expect(got.precision_weighted).toBeCloseTo(c.precision_weighted, 12);
  });
});

describe('regression metrics', () => {
  const r = reference.regression;
  it('match scikit-learn', () => {
    expect(meanSquaredError(r.truth, r.pred)).toBeCloseTo(r.mse, 12);
    expect(meanAbsoluteError(r.truth, r.pred)).toBeCloseTo(r.mae, 12);
  });

  it('PSNR is 10 log10(peak^2 / MSE)', () => {
    expect(psnr([0, 1, 0.5], [0, 0.9, 0.5], 1)).toBeCloseTo(10 * Math.log10(1 / (0.01 / 3)), 10);
    expect(psnr([1, 2], [1, 2])).toBe(Infinity);
  });

  it('PSNR has reference cases with data ranges other than 1', () => {
    expect(reference.psnr.map((c) => c.data_range).filter((r) => r !== 1).length).toBeGreaterThanOrEqual(3);
  });

  describe.each(reference.psnr.map((c) => [c.name, c] as [string, PsnrCase]))('PSNR of %s', (_name, c) => {
    const inputs: Array<[string, ArrayLike<number>, ArrayLike<number>]> = [['number[]', c.truth, c.pred]];
    if (c.float32) inputs.push(['Float32Array', Float32Array.from(c.truth), Float32Array.from(c.pred)]);

    it.each(inputs)('matches scikit-learn and torch with the data range as peak (%s)', (_kind, truth, pred) => {
      expect(psnr(truth, pred, c.data_range)).toBeCloseTo(c.psnr, 10);
      expect(psnr(truth, pred, c.data_range)).toBeCloseTo(c.psnr_torch, 10);
    });

    it.each(inputs)('uses the largest |truth| as peak when given none, as regressionMetrics does (%s)', (_kind, truth, pred) => {
      expect(psnr(truth, pred)).toBeCloseTo(c.psnr_max_abs_truth, 10);
      expect(regressionMetrics(truth, pred).psnr).toBeCloseTo(c.psnr_max_abs_truth, 10);
    });
  });
});
