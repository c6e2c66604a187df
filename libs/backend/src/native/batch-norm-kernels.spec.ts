/** The JavaScript batch-norm kernels against the textbook formula written with tfjs ops. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers tfjs's gradients
import { selectBackend } from '../select-backend';
import { BATCH_NORM_GRAD, BATCH_NORM_TRAIN } from './batch-norm-kernels';

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];

describe('batch-norm kernels (JavaScript)', () => {
  let x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor;
  beforeAll(async () => {
    await selectBackend('cpu');
    x = tf.randomNormal([40, 5], 2, 3, 'float32', 1);
    gamma = tf.tensor1d([0.5, 2, -1, 1.5, 1]);
    beta = tf.tensor1d([0.1, 0, -0.2, 0.3, 4]);
  });
  const eps = 1e-3;
  const textbook = (xx: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const mean = tf.mean(xx, 0);
    const variance = tf.mean(tf.square(tf.sub(xx, mean)), 0);
    return tf.add(tf.mul(tf.div(tf.sub(xx, mean), tf.sqrt(tf.add(variance, eps))), g), b);
  };

  it('normalises with the batch mean and biased variance', () => {
    const [y, mean, variance, inv] = tf.engine().runKernel(BATCH_NORM_TRAIN, { x, gamma, beta }, { epsilon: eps }) as tf.Tensor[];
    const moments = tf.moments(x, 0);
    expect(maxDiff(y, textbook(x, gamma, beta))).toBeLessThan(1e-4);
    expect(maxDiff(mean, moments.mean)).toBeLessThan(1e-5);
    expect(maxDiff(variance, moments.variance)).toBeLessThan(1e-4);
    expect(maxDiff(inv, tf.rsqrt(tf.add(moments.variance, eps)))).toBeLessThan(1e-5);
  });

  it('has the gradients of the textbook formula', () => {
    const dy = tf.randomNormal([40, 5], 0, 1, 'float32', 2);
    const [, mean, , inv] = tf.engine().runKernel(BATCH_NORM_TRAIN, { x, gamma, beta }, { epsilon: eps }) as tf.Tensor[];
    const ours = tf.engine().runKernel(BATCH_NORM_GRAD, { dy, x, mean, inv, gamma }) as tf.Tensor[];
    const reference = tf.grads((xx, g, b) => tf.sum(tf.mul(textbook(xx, g, b), dy)))([x, gamma, beta]);
    ours.forEach((grad, i) => expect(maxDiff(grad, reference[i])).toBeLessThan(1e-4 * Math.max(1, tf.max(tf.abs(reference[i])).dataSync()[0])));
  });
});
