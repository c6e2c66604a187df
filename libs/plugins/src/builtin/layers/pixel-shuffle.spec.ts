/** pixel_shuffle against PyTorch's definition, out[c, h·r + i, w·r + j] = in[c·r² + i·r + j, h, w], written channels last; and its refusals. */
import { selectBackend } from '@ablate/backend';
import { compileModel, tf } from '@ablate/models';
import type { ModelSpec } from '@ablate/spec';
import '../../host';

const build = (layers: unknown[], inputShape: number[]) => compileModel({ layers } as unknown as ModelSpec, { classes: 2, input_shape: inputShape }, { seed: 1, pointer: '' });

describe('pixel_shuffle', () => {
  beforeAll(() => selectBackend('cpu'));

  it("moves channel c·r² + i·r + j of pixel (h, w) to channel c of pixel (h·r + i, w·r + j), as PyTorch's PixelShuffle", async () => {
    const [h, w, c, r] = [2, 3, 2, 3];
    const { model, summary } = build([{ type: 'pixel_shuffle', factor: r }], [h, w, c * r * r]);
    expect(summary.outputShape).toEqual([h * r, w * r, c]);
    const input = Float32Array.from({ length: h * w * c * r * r }, (_, k) => k);
    const out = (await (model.predict(tf.tensor(input, [1, h, w, c * r * r])) as tf.Tensor).data()) as Float32Array;
    const at = (y: number, x: number, ch: number) => input[(y * w + x) * c * r * r + ch];
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h * r; y++)
        for (let x = 0; x < w * r; x++) expect(out[(y * w * r + x) * c + ch]).toBe(at(Math.floor(y / r), Math.floor(x / r), ch * r * r + (y % r) * r + (x % r)));
  });

  it('is written in YAML like any layer, its factor defaulting to 2, and says when the channels do not divide', () => {
    expect(build([{ type: 'conv2d', filters: 12, kernel: 3, padding: 'same' }, { type: 'pixel_shuffle' }], [8, 8, 1]).summary.outputShape).toEqual([16, 16, 3]);
    expect(() => build([{ type: 'conv2d', filters: 10, kernel: 3, padding: 'same' }, { type: 'pixel_shuffle' }], [8, 8, 1])).toThrow(/this pixel_shuffle layer \(input \[8, 8, 10\]\) needs channels divisible by factor² = 4; its input has 10\./);
  });
});
