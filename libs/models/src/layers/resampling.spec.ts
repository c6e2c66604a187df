/**
 * Transposed convolutions and upsampling against PyTorch (tools/reference/resampling_reference.py →
 * fixtures/resampling-parity.json): outputs and the gradients of sum(output * r) with respect to the
 * input, the kernel and the bias, on SYNTHETIC random tensors, channels last.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFacts } from '@ablate/spec';
import { compileModel } from '../compile/compile-model';
import { findWeight } from '../init/initialize-weights';
import { tf } from '../tf';

interface Case {
  name: string;
  layer: Record<string, unknown>;
  input_shape: number[];
  output_shape: number[];
  x: number[];
  r: number[];
  y: number[];
  grad_x: number[];
  kernel?: number[];
  bias?: number[];
  grad_kernel?: number[];
  grad_bias?: number[];
}

const { cases } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'resampling-parity.json'), 'utf8')) as { cases: Case[] };
const worst = (a: ArrayLike<number>, b: readonly number[]) => b.reduce((m, v, i) => Math.max(m, Math.abs(v - a[i])), 0);

describe('transposed convolutions and upsampling', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: output and gradients as PyTorch', (_, c) => {
    const facts = { classes: 1, input_shape: c.input_shape } as DataFacts;
    const { model } = compileModel({ layers: [{ ...c.layer, name: 'resample' }] } as never, facts, { seed: 0, name: 'parity' });
    expect(model.outputs[0].shape.slice(1)).toEqual(c.output_shape);
    const layer = model.getLayer('resample');
    const variables = c.kernel ? [findWeight(layer, 'kernel').read() as tf.Variable, findWeight(layer, 'bias').read() as tf.Variable] : [];
    if (c.kernel) {
      variables[0].assign(tf.tensor(c.kernel, variables[0].shape));
      variables[1].assign(tf.tensor(c.bias as number[], variables[1].shape));
    }
    const x = tf.variable(tf.tensor(c.x, [2, ...c.input_shape]));
    const r = tf.tensor(c.r, [2, ...c.output_shape]);
    const y = model.apply(x) as tf.Tensor;
    expect(worst(y.dataSync(), c.y)).toBeLessThan(1e-4);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(model.apply(x) as tf.Tensor, r)) as tf.Scalar, [x, ...variables]);
    expect(worst(grads[x.name].dataSync(), c.grad_x)).toBeLessThan(1e-4);
    if (c.kernel) {
      expect(worst(grads[variables[0].name].dataSync(), c.grad_kernel as number[])).toBeLessThan(1e-4);
      expect(worst(grads[variables[1].name].dataSync(), c.grad_bias as number[])).toBeLessThan(1e-4);
    }
    model.dispose();
  });
});
