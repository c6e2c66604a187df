/**
 * The one-pass UnsortedSegmentSum against tfjs-backend-cpu's own kernel (which it replaces), on
 * random rows with repeated and out-of-range ids, through an embedding lookup's gradient, and
 * at the size of the sentence CNN's, where tfjs's kernel took minutes.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers registers the gradients of the core ops (as the models do)
import '@tensorflow/tfjs-layers';
import { stream } from '@ablate/spec';
import { selectBackend } from '../select-backend';
import { replacedSegmentSum } from './segment-sum';

const random = stream(11, 'segment-sum-tests');

function withKernel<T>(kernel: 'ours' | 'tfjs', f: () => T): T {
  const ours = tf.getKernel('UnsortedSegmentSum', 'cpu') as tf.KernelConfig;
  if (kernel === 'ours') return f();
  tf.unregisterKernel('UnsortedSegmentSum', 'cpu');
  tf.registerKernel(replacedSegmentSum() as tf.KernelConfig);
  try {
    return f();
  } finally {
    tf.unregisterKernel('UnsortedSegmentSum', 'cpu');
    tf.registerKernel(ours);
  }
}

describe('UnsortedSegmentSum on the cpu backends', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it.each([
    [[7, 3], 5],
    [[12, 2, 4], 3],
    [[30], 40],
  ])('matches tfjs for x of shape %j and %i segments, ids repeated and out of range', (shape, segments) => {
    const rows = shape[0];
    const x = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 4 - 2);
    const ids = Int32Array.from({ length: rows }, () => Math.floor(random() * (segments + 3)) - 1);
    ids[0] = ids[rows - 1] = 1;
    const run = () => tf.tidy(() => Array.from(tf.unsortedSegmentSum(tf.tensor(x, shape), tf.tensor1d(ids, 'int32'), segments).dataSync()));
    const ours = withKernel('ours', run);
    const theirs = withKernel('tfjs', run);
    expect(ours).toHaveLength(segments * (x.length / rows));
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 5));
  });

  it('gives an embedding lookup the gradient tfjs gives it', () => {
    const table = tf.randomNormal([50, 4], 0, 1, 'float32', 3);
    const ids = tf.tensor2d([[1, 2, 2, 0], [49, 2, 7, 1]], [2, 4], 'int32');
    const grad = () => tf.tidy(() => Array.from(tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), tf.reshape(tf.range(0, 32), [2, 4, 4]))))(table).dataSync()));
    const ours = withKernel('ours', grad);
    expect(ours).toEqual(withKernel('tfjs', grad));
    // token 2 appears three times: its row sums three rows of dy
    expect(ours.slice(8, 12)).toEqual([4 + 8 + 20, 5 + 9 + 21, 6 + 10 + 22, 7 + 11 + 23]);
    tf.dispose([table, ids]);
  });

  it('is linear in the rows: the sentence CNN\'s embedding gradient (4,000 rows of 100, 20,002 ids) in under 2 s', () => {
    const dy = tf.randomNormal([4000, 100], 0, 1, 'float32', 5);
    const ids = tf.tensor1d(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 20002), 'int32');
    const started = performance.now();
    const sums = tf.unsortedSegmentSum(dy, ids, 20002);
    sums.dataSync();
    // measured 70-200 ms here; tfjs's kernel takes minutes
    expect(performance.now() - started).toBeLessThan(2000);
    sums.dispose();
    tf.dispose([dy, ids]);
  });
});
