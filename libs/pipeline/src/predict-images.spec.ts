/** A denoiser's outputs in pixel values: the fitted affine steps undone, in order. */
import { pixelsOf } from './predict-images';

describe('pixelsOf', () => {
  it('undoes scale then per-channel standardize', () => {
    // raw 0..255 → x / 255 → (x - mean) / std per channel.
    const mean = [0.5, 0.25];
    const std = [0.2, 0.1];
    const steps = [
      { type: 'affine' as const, scale: [1 / 255], shift: [0] },
      { type: 'affine' as const, scale: std.map((s) => 1 / s), shift: mean.map((m, c) => -m / std[c]) },
    ];
    const { scale, shift } = pixelsOf(steps, 2, 1);
    for (const [raw, c] of [[0, 0], [200, 0], [17, 1], [255, 1]]) {
      const model = (raw / 255 - mean[c]) / std[c];
      expect(model * scale[c] + shift[c]).toBeCloseTo(raw, 9);
    }
  });

  it('maps [0, data_range] to [0, 255] when a step cannot be undone (PCA, resize, ...)', () => {
    expect(pixelsOf([{ type: 'resize', from: [28, 28, 1], to: [32, 32], method: 'bilinear' } as never], 1, 2)).toEqual({ scale: [127.5], shift: [0] });
  });
});
