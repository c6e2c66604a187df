import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { withDefaults, type LossSpec } from '@ablate/spec';
import { balancedWeights, createLoss } from './losses';

/** A loss as the experiment writes it, resolved as a trial resolves it. */
const resolved = (spec: Partial<LossSpec> & { type: LossSpec['type'] }) => withDefaults({ loss: spec as LossSpec }).loss as LossSpec;

const { losses } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'torch-training.json'), 'utf8'));
const value = (loss: ReturnType<typeof createLoss>) => loss(tf.tensor2d(losses.logits), { labels: tf.tensor1d(losses.labels, 'int32') }).dataSync()[0];

describe('cross-entropy matches torch.nn.functional.cross_entropy', () => {
  it('from logits', () => expect(value(createLoss(resolved({ type: 'cross_entropy' }), 4, []))).toBeCloseTo(losses.plain, 5));
  it('with label smoothing', () => expect(value(createLoss(resolved({ type: 'cross_entropy', label_smoothing: 0.1 }), 4, []))).toBeCloseTo(losses.smoothed, 5));
  it('with class weights (weighted mean)', () => expect(value(createLoss(resolved({ type: 'cross_entropy', class_weights: losses.weights }), 4, []))).toBeCloseTo(losses.weighted, 5));
  it('mixes two targets for mixup', () => {
    const loss = createLoss(resolved({ type: 'cross_entropy' }), 4, []);
    const logits = tf.tensor2d(losses.logits);
    const a = tf.tensor1d(losses.labels, 'int32');
    const b = tf.tensor1d([1, 2, 3, 0, 0, 2, 1], 'int32');
    const mixed = loss(logits, { labels: a, mix: { labels: b, lambda: 0.3 } }).dataSync()[0];
    expect(mixed).toBeCloseTo(0.3 * loss(logits, { labels: a }).dataSync()[0] + 0.7 * loss(logits, { labels: b }).dataSync()[0], 5);
  });
  it('balances by inverse class frequency (scikit-learn "balanced")', () => {
    expect(balancedWeights([10, 30, 0, 60])).toEqual([100 / 30, 100 / 90, 0, 100 / 180]);
  });
});
