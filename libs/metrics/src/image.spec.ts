/** SSIM, per-image PSNR and R² against scikit-image and scikit-learn (tools/reference/image_metrics_reference.py), on SYNTHETIC images. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImageMetrics, ssim } from './image';
import { psnr, rSquared } from './regression';

interface Case {
  name: string;
  shape: number[];
  data_range: number;
  truth: number[];
  predicted: number[];
  ssim: number;
  psnr: number;
  r2: number;
}

const { cases } = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'image-metrics.json'), 'utf8')) as { cases: Case[] };

describe('image metrics', () => {
  it('has the reference cases', () => {
    expect(cases).toHaveLength(4);
  });

  it.each(cases.map((c) => [c.name, c]))('SSIM, PSNR and R² equal scikit-image and scikit-learn on %s', (_name, c) => {
    const truth = Float32Array.from(c.truth);
    const predicted = Float32Array.from(c.predicted);
    expect(ssim(truth, predicted, c.shape, c.data_range)).toBeCloseTo(c.ssim, 10);
    expect(psnr(truth, predicted, c.data_range)).toBeCloseTo(c.psnr, 8);
    expect(rSquared(truth, predicted)).toBeCloseTo(c.r2, 8);
    expect(ssim(truth, truth, c.shape, c.data_range)).toBeCloseTo(1, 12);
  });

  it('averages PSNR and SSIM over images, and MSE over values', () => {
    const a = cases[0];
    const metrics = new ImageMetrics(a.shape, a.data_range);
    // The same image twice, the second time exact: PSNR Infinity makes the mean Infinity, SSIM averages with 1.
    metrics.add([...a.truth, ...a.truth], [...a.predicted, ...a.truth], 2);
    const r = metrics.result();
    expect(r.ssim).toBeCloseTo((a.ssim + 1) / 2, 10);
    expect(r.psnr).toBe(Infinity);
    const mse = a.truth.reduce((s, t, i) => s + (t - a.predicted[i]) ** 2, 0) / a.truth.length;
    expect(r.mse).toBeCloseTo(mse / 2, 12);
  });

  it('refuses images smaller than its window', () => {
    expect(() => ssim([0, 1], [0, 1], [1, 2, 1], 1)).toThrow(/at least 7x7/);
  });
});
