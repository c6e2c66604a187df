/** Initial weights come from the trial seed: the same seed, the same model; another seed, another model. */
import { join } from 'node:path';
import { compileFile, MODELS_DIR } from '../testing/model-files';
import { tf } from '../tf';
import { findWeight } from './initialize-weights';

const FACTS = { classes: 10, input_shape: [28, 28, 1] };
const weightsOf = (seed: number) =>
  compileFile(join(MODELS_DIR, 'fashion-mnist-cnn.yaml'), FACTS, { seed })
    .model.getWeights()
    .map((w) => Array.from(w.dataSync()));

describe('seeded initialisation', () => {
  it('is identical for the same seed and different for another', () => {
    expect(weightsOf(5)).toEqual(weightsOf(5));
    expect(weightsOf(5)[0]).not.toEqual(weightsOf(6)[0]);
  });

  it('torch_default draws U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for kernels and biases, as PyTorch', () => {
    const { model } = compileFile(join(MODELS_DIR, 'fashion-mnist-cnn.yaml'), FACTS, { seed: 1 });
    const dense = model.layers.find((l) => l.name === 'dense_1')!;
    const kernel = Array.from(findWeight(dense, 'kernel').read().dataSync());
    const bias = Array.from(findWeight(dense, 'bias').read().dataSync());
    const bound = 1 / Math.sqrt(192);
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...kernel.map(Math.abs))).toBeGreaterThan(0.95 * bound);
    expect(Math.max(...bias.map(Math.abs))).toBeLessThanOrEqual(bound);
    const mean = kernel.reduce((a, b) => a + b, 0) / kernel.length;
    expect(Math.abs(mean)).toBeLessThan(0.01 * bound * 10);
  });

  it('kaiming_normal is untruncated with std sqrt(2/fan_in) (Hamida: 27 inputs per filter)', () => {
    const { model } = compileFile(join(MODELS_DIR, 'hamida-3d-cnn.yaml'), { classes: 9, input_shape: [5, 5, 103] }, { seed: 1 });
    const conv = model.layers.find((l) => l.getClassName() === 'Conv3D')!;
    const w = Array.from(findWeight(conv, 'kernel').read().dataSync());
    const std = Math.sqrt(w.reduce((a, b) => a + b * b, 0) / w.length);
    expect(std).toBeGreaterThan(0.8 * Math.sqrt(2 / 27));
    expect(std).toBeLessThan(1.2 * Math.sqrt(2 / 27));
    expect(Array.from(findWeight(conv, 'bias').read().dataSync()).every((b) => b === 0)).toBe(true);
  });

  it('draws a new dropout mask at every training step, the same sequence in every run', () => {
    const masks = () => {
      const { model } = compileFile(join(MODELS_DIR, 'hybridsn.yaml'), { classes: 4, input_shape: [11, 11, 14] }, { seed: 9, vars: { bn: false } });
      const x = tf.ones([1, 11, 11, 14]);
      return [0, 1].map(() => Array.from((model.apply(x, { training: true }) as tf.Tensor).dataSync()));
    };
    const [first, second] = masks();
    expect(first).not.toEqual(second);
    expect(masks()).toEqual([first, second]);
  });
});
