/** Each optimizer follows torch.optim's trajectory on a least-squares problem (fixtures/torch-training.json). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { withDefaults, type OptimizerSpec } from '@ablate/spec';
import { clipGradients, createOptimizer } from './create-optimizer';

interface Trajectory {
  name: string;
  spec: OptimizerSpec;
  steps: number[][];
}
const reference = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'torch-training.json'), 'utf8')) as { A: number[][]; b: number[]; w0: number[]; optimizers: Trajectory[] };
const A = tf.tensor2d(reference.A);
const b = tf.tensor1d(reference.b);

describe('optimizers match torch.optim', () => {
  it.each(reference.optimizers.map((o) => [o.name, o] as [string, Trajectory]))('%s', (_name, o) => {
    // The torch fixture gives what the experiment would write; the schema's defaults fill the rest, as when a trial is resolved.
    const spec = withDefaults({ optimizer: o.spec }).optimizer as OptimizerSpec;
    const w = tf.variable(tf.tensor1d(reference.w0));
    const optimizer = createOptimizer(spec);
    o.steps.forEach((expected) => {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(tf.squeeze(tf.matMul(A, tf.reshape(w, [-1, 1]))), b))) as tf.Scalar, [w]);
        optimizer.step([w], clipGradients([grads[w.name]], spec), spec.lr as number);
      });
      Array.from(w.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    });
    optimizer.dispose();
  });
});

describe('optimizer defaults', () => {
  it('come from the schema where the trial is resolved, not from the implementations', () => {
    expect(() => createOptimizer({ type: 'adam' } as OptimizerSpec)).toThrow('optimizer.lr has no value: the config was not resolved with withDefaults');
    const resolved = withDefaults({ optimizer: { type: 'adamw' } as OptimizerSpec }).optimizer;
    expect(resolved).toEqual({ type: 'adamw', lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weight_decay: 0.01 });
    createOptimizer(resolved as OptimizerSpec).dispose();
  });
});
