/**
 * The batch-norm kernels: the JavaScript ones against the textbook formula written with tfjs ops,
 * on several shapes up to rank 5 (the kernels see x as [rows, channels], channels last), and the
 * JavaScript and native ones against central finite differences of their own forward pass: the
 * analytic gradients of AblateBatchNormGrad (dx, dgamma, dbeta) against the numerical gradients
 * of sum(dy * y) of AblateBatchNormTrain. The native-kernel tests compare the two implementations
 * with each other; CI sets ABLATE_REQUIRE_NATIVE=1 so a missing addon fails instead of skipping.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers tfjs's gradients
import { stream } from '@ablate/spec';
import { selectBackend } from '../select-backend';
import { BATCH_NORM_GRAD, BATCH_NORM_TRAIN } from './batch-norm-kernels';
import { loadBinding, type NativeBinding } from './binding';
import { kernelTallies, resetKernelTallies } from './kernel-kit';
import { disableNative, enableNative } from './register-native';
import { finiteDifferenceMismatches } from './testing/finite-differences';

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
const data = (t: tf.Tensor) => Float32Array.from(t.dataSync() as Float32Array);

/** Shapes from rank 2 to rank 5, channels last; the first is the one the textbook tests began with. */
const SHAPES = [
  [40, 5],
  [6, 4, 3],
  [2, 3, 4, 6],
  [2, 2, 3, 3, 4],
  [3, 1, 2, 5, 2],
];

describe('batch-norm kernels (JavaScript)', () => {
  let x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor;
  beforeAll(async () => {
    await selectBackend('cpu');
    x = tf.randomNormal([40, 5], 2, 3, 'float32', 1);
    gamma = tf.tensor1d([0.5, 2, -1, 1.5, 1]);
    beta = tf.tensor1d([0.1, 0, -0.2, 0.3, 4]);
  });
  const eps = 1e-3;
  /** Normalises over every axis but the last. */
  const textbook = (xx: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const axes = xx.shape.slice(0, -1).map((_, i) => i);
    const mean = tf.mean(xx, axes);
    const variance = tf.mean(tf.square(tf.sub(xx, mean)), axes);
    return tf.add(tf.mul(tf.div(tf.sub(xx, mean), tf.sqrt(tf.add(variance, eps))), g), b);
  };
  const inputs = (shape: number[], seed: number) =>
    shape.join() === '40,5' ? { x, gamma, beta } : { x: tf.randomNormal(shape, 2, 3, 'float32', seed), gamma: tf.randomNormal([shape[shape.length - 1]], 1, 1, 'float32', seed + 1), beta: tf.randomNormal([shape[shape.length - 1]], 0, 1, 'float32', seed + 2) };

  it.each(SHAPES.map((s) => [s]))('normalises with the batch mean and biased variance, x of shape %j', (shape) => {
    const { x, gamma, beta } = inputs(shape, 10 + shape.length);
    const [y, mean, variance, inv] = tf.engine().runKernel(BATCH_NORM_TRAIN, { x, gamma, beta }, { epsilon: eps }) as tf.Tensor[];
    const moments = tf.moments(x, shape.slice(0, -1).map((_, i) => i));
    expect(y.shape).toEqual(shape);
    expect(maxDiff(y, textbook(x, gamma, beta))).toBeLessThan(1e-4);
    expect(maxDiff(mean, moments.mean)).toBeLessThan(1e-5);
    expect(maxDiff(variance, moments.variance)).toBeLessThan(1e-4);
    expect(maxDiff(inv, tf.rsqrt(tf.add(moments.variance, eps)))).toBeLessThan(1e-5);
  });

  it.each(SHAPES.map((s) => [s]))('has the gradients of the textbook formula, x of shape %j', (shape) => {
    const { x, gamma, beta } = inputs(shape, 10 + shape.length);
    const dy = tf.randomNormal(shape, 0, 1, 'float32', 2);
    const [, mean, , inv] = tf.engine().runKernel(BATCH_NORM_TRAIN, { x, gamma, beta }, { epsilon: eps }) as tf.Tensor[];
    const ours = tf.engine().runKernel(BATCH_NORM_GRAD, { dy, x, mean, inv, gamma }) as tf.Tensor[];
    const reference = tf.grads((xx, g, b) => tf.sum(tf.mul(textbook(xx, g, b), dy)))([x, gamma, beta]);
    ours.forEach((grad, i) => expect(maxDiff(grad, reference[i])).toBeLessThan(1e-4 * Math.max(1, tf.max(tf.abs(reference[i])).dataSync()[0])));
  });
});

/**
 * dx, dgamma and dbeta of AblateBatchNormGrad against central finite differences of
 * L = sum(dy * y) computed through AblateBatchNormTrain (in float64 from its float32 outputs).
 * x ~ N(2, 3), so inv ~ 1/3. Step 1e-2: the truncation error (eps^2/6 times third derivatives of
 * order gamma inv^3) stays near 1e-6; the float32 rounding of the changed outputs (6e-8 of
 * |y| <~ 10 each, over the rows of one channel, divided by 2 eps) is at most a few 1e-4 for the
 * 40 rows here, and much less as rounding errors cancel. Measured: at most 8.4e-5 of
 * max(1, |gradient|) on these shapes, both implementations. A tolerance of 5e-4 leaves a margin of
 * 6, and a wrong term (a missing 1/N, the mean's or the variance's path through dx) is off by 1e-2
 * or more.
 */
function batchNormMismatches(shape: number[], seed: number) {
  const random = stream(seed, 'batch-norm-finite-differences');
  const channels = shape[shape.length - 1];
  const [x, gamma, beta, dy] = tf.tidy(() => [tf.randomNormal(shape, 2, 3, 'float32', seed), tf.randomNormal([channels], 1, 0.5, 'float32', seed + 1), tf.randomNormal([channels], 0, 1, 'float32', seed + 2), tf.randomNormal(shape, 0, 1, 'float32', seed + 3)].map(data));
  const epsilon = 1e-3;
  const train = ([xv, g, b]: Float32Array[]) => tf.tidy(() => (tf.engine().runKernel(BATCH_NORM_TRAIN, { x: tf.tensor(xv, shape), gamma: tf.tensor1d(g), beta: tf.tensor1d(b) }, { epsilon }) as tf.Tensor[]).map(data));
  const analytic = tf.tidy(() => {
    const [, mean, , inv] = train([x, gamma, beta]);
    return (tf.engine().runKernel(BATCH_NORM_GRAD, { dy: tf.tensor(dy, shape), x: tf.tensor(x, shape), mean: tf.tensor1d(mean), inv: tf.tensor1d(inv), gamma: tf.tensor1d(gamma) }) as tf.Tensor[]).map(data);
  });
  return finiteDifferenceMismatches({
    f: (v) => [train(v)[0]],
    inputs: [x, gamma, beta],
    weights: [dy],
    analytic,
    eps: 1e-2,
    tolerance: (numeric) => 5e-4 * Math.max(1, Math.abs(numeric)),
    coordinates: 30,
    directions: 3,
    random,
  });
}

describe('batch-norm kernels (JavaScript) against finite differences', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
    disableNative();
  });

  it.each(SHAPES.map((s) => [s]))('dx, dgamma, dbeta, x of shape %j', (shape) => {
    expect(batchNormMismatches(shape, 100 + shape.length)).toEqual([]);
  });
});

const binding = loadBinding();
if (process.env.ABLATE_REQUIRE_NATIVE && !binding.ok) throw new Error(`ABLATE_REQUIRE_NATIVE is set but ${binding.reason}`);

(binding.ok ? describe : describe.skip)(`batch-norm kernels (native) against finite differences${binding.ok ? '' : ` (skipped: ${binding.reason})`}`, () => {
  beforeAll(async () => {
    await selectBackend('cpu');
    enableNative((binding as { binding: NativeBinding }).binding);
  });
  afterAll(() => disableNative());

  it.each(SHAPES.map((s) => [s]))('dx, dgamma, dbeta, x of shape %j', (shape) => {
    resetKernelTallies();
    expect(batchNormMismatches(shape, 100 + shape.length)).toEqual([]);
    // both kernels ran natively, nothing fell back to JavaScript
    const tallies = kernelTallies();
    expect([BATCH_NORM_TRAIN, BATCH_NORM_GRAD].map((k) => [k, (tallies.get(k)?.native ?? 0) > 0, tallies.get(k)?.declined, tallies.get(k)?.refused])).toEqual([
      [BATCH_NORM_TRAIN, true, 0, 0],
      [BATCH_NORM_GRAD, true, 0, 0],
    ]);
  });
});
