/**
 * A conv3d stack with per-axis padding (1, 0, 0), asymmetric zero padding, strides and dilation:
 * forward outputs and gradients match PyTorch's (float64, fixtures/conv3d-parity.json made by
 * tools/reference/conv3d_parity.py) within 1e-4 relative error, on the same weights.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '@ablate/config';
import type { ModelSpec } from '@ablate/spec';
import { compileModel } from './compile/compile-model';
import { findWeight } from './init/initialize-weights';
import { tf } from './tf';

interface Array5 {
  shape: number[];
  values: number[];
}
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'conv3d-parity.json'), 'utf8'));

const MODEL = `
layers:
  - { type: conv3d, name: conv1, filters: 3, kernel: [3, 2, 3], strides: [2, 1, 1], padding: [1, 0, 0], activation: relu }
  - { type: zero_pad, padding: [[1, 0], [1, 0], [0, 1]] }
  - { type: conv3d, name: conv2, filters: 4, kernel: [2, 3, 2], strides: [1, 2, 1], activation: relu }
  - { type: conv3d, name: conv3, filters: 2, kernel: [2, 1, 2], dilation: [2, 1, 1] }
`;

/** PyTorch N,C,D,H,W → tfjs N,D,H,W,C. */
const channelsLast = (a: Array5) => tf.transpose(tf.tensor(a.values, a.shape), [0, 2, 3, 4, 1]);
/** PyTorch [out, in, kd, kh, kw] → tfjs [kd, kh, kw, in, out]. */
const kernelLayout = (a: Array5) => tf.transpose(tf.tensor(a.values, a.shape), [2, 3, 4, 1, 0]);

function relativeError(actual: tf.Tensor, expected: tf.Tensor): number {
  const diff = tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0];
  return diff / tf.max(tf.abs(expected)).dataSync()[0];
}

describe('conv3d parity with PyTorch', () => {
  const [, channels, depth, height, width] = fixture.input.shape;
  const { model } = compileModel(parseYaml(MODEL, 'parity.yaml').value as unknown as ModelSpec, { classes: 2, input_shape: [depth, height, width, channels] }, { seed: 0 });
  for (const name of ['conv1', 'conv2', 'conv3']) {
    const layer = model.getLayer(name);
    findWeight(layer, 'kernel').write(kernelLayout(fixture.params[`${name}.weight`]));
    findWeight(layer, 'bias').write(tf.tensor(fixture.params[`${name}.bias`].values));
  }
  const x = channelsLast(fixture.input);
  const R = channelsLast(fixture.R);

  it('gives the same forward output', () => {
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([fixture.output.shape[0], ...fixture.output.shape.slice(2), fixture.output.shape[1]]);
    expect(relativeError(y, channelsLast(fixture.output))).toBeLessThan(1e-4);
  });

  it('gives the same gradients for the input and every weight and bias', () => {
    const weights = ['conv1', 'conv2', 'conv3'].flatMap((n) => [findWeight(model.getLayer(n), 'kernel'), findWeight(model.getLayer(n), 'bias')]);
    const loss = (input: tf.Tensor) => tf.sum(tf.mul(model.apply(input, { training: true }) as tf.Tensor, R)) as tf.Scalar;
    const inputGrad = tf.grad(loss)(x);
    expect(relativeError(inputGrad, channelsLast({ shape: fixture.input.shape, values: fixture.input_grad }))).toBeLessThan(1e-4);
    const { grads } = tf.variableGrads(() => loss(x), weights.map((w) => w.read() as tf.Variable));
    for (const name of ['conv1', 'conv2', 'conv3']) {
      const kernel = grads[(findWeight(model.getLayer(name), 'kernel').read() as tf.Variable).name];
      const bias = grads[(findWeight(model.getLayer(name), 'bias').read() as tf.Variable).name];
      const expected = fixture.params[`${name}.weight`];
      expect(relativeError(kernel, kernelLayout({ shape: expected.shape, values: expected.grad }))).toBeLessThan(1e-4);
      expect(relativeError(bias, tf.tensor(fixture.params[`${name}.bias`].grad))).toBeLessThan(1e-4);
    }
  });
});
