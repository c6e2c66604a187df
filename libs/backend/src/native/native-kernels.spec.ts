/**
 * Property-style checks: every native kernel, and the gradients computed through it, against
 * tfjs's own JavaScript kernels on random shapes, strides, dilations, paddings, group counts and
 * broadcasts (seeded), within 1e-4 relative error. CI sets ABLATE_REQUIRE_NATIVE=1 so a broken
 * build fails instead of skipping.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { stream } from '@ablate/spec';
import { loadBinding } from './binding';
import { disableNative, enableNative, NATIVE_KERNELS } from './register-native';
import { selectBackend } from '../select-backend';

const binding = loadBinding();
if (process.env.ABLATE_REQUIRE_NATIVE && !binding.ok) throw new Error(`ABLATE_REQUIRE_NATIVE is set but ${binding.reason}`);
const suite = binding.ok ? describe : describe.skip;

const random = stream(7, 'native-kernel-tests');
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(values: readonly T[]) => values[int(0, values.length - 1)];

/** Runs f with the native kernels, then with the JavaScript ones, and returns both results as arrays. */
function both(f: () => tf.Tensor | tf.Tensor[]): [Float32Array[], Float32Array[]] {
  const run = () => tf.tidy(() => ([] as tf.Tensor[]).concat(f()).map((t) => Float32Array.from(t.dataSync() as Float32Array)));
  enableNative((binding as { binding: Parameters<typeof enableNative>[0] }).binding);
  const native = run();
  disableNative();
  const js = run();
  return [native, js];
}

function expectClose([native, js]: [Float32Array[], Float32Array[]], what: string): void {
  expect(native.length).toBe(js.length);
  native.forEach((a, i) => {
    const b = js[i];
    expect([what, a.length]).toEqual([what, b.length]);
    let diff = 0;
    let scale = 1e-6;
    for (let k = 0; k < a.length; k++) {
      diff = Math.max(diff, Math.abs(a[k] - b[k]));
      scale = Math.max(scale, Math.abs(b[k]));
    }
    expect([what, i, diff / scale < 1e-4 ? 'ok' : diff / scale]).toEqual([what, i, 'ok']);
  });
}

const rand = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
const CASES = 12;

suite('native kernels match the JavaScript kernels', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(() => disableNative());

  it('covers at least the kernels the issue names', () => {
    const names = NATIVE_KERNELS.map((k) => k.kernelName);
    for (const k of ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'DepthwiseConv2dNative', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter', 'Conv3D', 'Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2', 'BatchMatMul', '_FusedMatMul', 'MaxPool', 'MaxPoolGrad']) {
      expect(names).toContain(k);
    }
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('conv2d, fused conv2d and their gradients, case %i', (seed) => {
    const n = int(1, 3), h = int(4, 11), w = int(4, 11), cin = int(1, 5), cout = int(1, 6), k = int(1, 4);
    const dilated = random() < 0.25;
    const strides = dilated ? 1 : int(1, 3);
    const dilation = dilated ? 2 : 1;
    const pad = pick(['same', 'valid', int(0, 2)] as const);
    const x = rand([n, h, w, cin], seed);
    const f = rand([k, k, cin, cout], seed + 100);
    if ((k - 1) * dilation + 1 > h + (typeof pad === 'number' ? 2 * pad : pad === 'same' ? k : 0) || (k - 1) * dilation + 1 > w + (typeof pad === 'number' ? 2 * pad : pad === 'same' ? k : 0)) return;
    const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad as 'same', 'NHWC', dilation);
    expectClose(both(() => conv(x, f)), 'conv2d');
    const bias = rand([cout], seed + 200);
    const activation = pick(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid'] as const);
    // (tfjs's JavaScript fused kernels give NaN for leakyrelu when no alpha is passed; pass one)
    const fused = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.fused.conv2d({ x: a as tf.Tensor4D, filter: b as tf.Tensor4D, strides, pad: pad as 'same', dilations: dilation, bias: c, activation, leakyreluAlpha: 0.1 });
    expectClose(both(() => fused(x, f, bias)), `fused conv2d ${activation}`);
    if (dilation === 1) {
      expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(conv(a, b))))([x, f])), 'conv2d gradients');
      expectClose(both(() => tf.grads((a, b, c) => tf.sum(tf.square(fused(a, b, c))))([x, f, bias])), `fused conv2d ${activation} gradients`);
    }
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('depthwise conv2d and its gradients, case %i', (seed) => {
    const n = int(1, 3), h = int(5, 10), w = int(5, 10), c = int(1, 4), m = int(1, 3), k = int(1, 3);
    const dilated = random() < 0.25;
    const strides = dilated ? 1 : int(1, 2);
    const dilation = dilated ? 2 : 1;
    const pad = pick(['same', 'valid'] as const);
    const x = rand([n, h, w, c], seed);
    const f = rand([k, k, c, m], seed + 1);
    const dw = (a: tf.Tensor, b: tf.Tensor) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad, 'NHWC', dilation);
    expectClose(both(() => dw(x, f)), 'depthwise');
    if (dilation === 1) expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(dw(a, b))))([x, f])), 'depthwise gradients');
  });

  it('batch norm: statistics, normalisation and gradients (AblateBatchNormTrain/Grad), rows split across threads', () => {
    for (let c = 0; c < CASES; c++) {
      const shape = [int(1, 300), int(1, 70)];
      const channels = shape[1];
      const x = rand(shape, 300 + c);
      const dy = rand(shape, 400 + c);
      const gamma = rand([channels], 500 + c);
      const beta = rand([channels], 600 + c);
      expectClose(
        both(() => {
          const [y, mean, variance, inv] = tf.engine().runKernel('AblateBatchNormTrain', { x, gamma, beta }, { epsilon: 1e-5 }) as tf.Tensor[];
          const grads = tf.engine().runKernel('AblateBatchNormGrad', { dy, x, mean, inv, gamma }) as tf.Tensor[];
          return [y, mean, variance, inv, ...grads];
        }),
        `batch norm ${shape}`,
      );
    }
  });

  it('handles the attributes tfjs-layers passes (depthwise dilations: null)', () => {
    const x = rand([2, 6, 6, 3], 1);
    const f = rand([3, 3, 3, 2], 2);
    const run = (name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) => () => tf.engine().runKernel(name, inputs as never, attrs as never) as tf.Tensor;
    expectClose(both(run('DepthwiseConv2dNative', { x, filter: f }, { strides: 1, pad: 'same', dilations: null, dimRoundingMode: null })), 'depthwise, dilations null');
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('conv3d and its gradients, case %i', (seed) => {
    const n = int(1, 2), d = int(3, 8), h = int(3, 7), w = int(3, 7), cin = int(1, 3), cout = int(1, 4);
    const k = [int(1, 3), int(1, 3), int(1, 3)] as [number, number, number];
    const strides = [int(1, 2), int(1, 2), int(1, 2)] as [number, number, number];
    const pad = pick(['same', 'valid'] as const);
    if (pad === 'valid' && (k[0] > d || k[1] > h || k[2] > w)) return;
    const x = rand([n, d, h, w, cin], seed);
    const f = rand([...k, cin, cout], seed + 1);
    const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, strides, pad);
    expectClose(both(() => conv(x, f)), 'conv3d');
    expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(conv(a, b))))([x, f])), 'conv3d gradients');
  });

  it.each(Array.from({ length: 6 }, (_, i) => i))('grouped convolutions (split, convolve, concatenate) and their gradients, case %i', (seed) => {
    const groups = int(2, 4), per = int(1, 3), out = int(1, 2);
    const x = rand([2, 7, 7, groups * per], seed);
    const f = rand([3, 3, per, groups * out], seed + 1);
    const grouped = (a: tf.Tensor, b: tf.Tensor) => {
      const parts = tf.split(a, groups, -1);
      const kernels = tf.split(b, groups, -1);
      return tf.concat(parts.map((p, g) => tf.conv2d(p as tf.Tensor4D, kernels[g] as tf.Tensor4D, 1, 'valid')), -1);
    };
    expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(grouped(a, b))))([x, f])), 'grouped conv gradients');
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('matrix products (batched, transposed, fused) and their gradients, case %i', (seed) => {
    const m = int(1, 9), k = int(1, 9), n = int(1, 9), batch = int(1, 3);
    const ta = random() < 0.5, tb = random() < 0.5;
    const broadcast = random() < 0.3;
    const a = rand(broadcast ? (ta ? [k, m] : [m, k]) : ta ? [batch, k, m] : [batch, m, k], seed);
    const b = rand(ta || !broadcast ? (tb ? [batch, n, k] : [batch, k, n]) : tb ? [batch, n, k] : [batch, k, n], seed + 1);
    if (a.rank === 2 && b.rank === 3) return;
    const mm = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, ta, tb);
    expectClose(both(() => mm(a, b)), 'matmul');
    expectClose(both(() => tf.grads((x, y) => tf.sum(tf.square(mm(x, y))))([a, b])), 'matmul gradients');
    const a2 = rand(ta ? [k, m] : [m, k], seed + 2);
    const b2 = rand(tb ? [n, k] : [k, n], seed + 3);
    const bias = rand([n], seed + 4);
    const activation = pick(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid'] as const);
    const fused = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => tf.fused.matMul({ a: x as tf.Tensor2D, b: y as tf.Tensor2D, transposeA: ta, transposeB: tb, bias: z, activation, leakyreluAlpha: 0.1 });
    expectClose(both(() => fused(a2, b2, bias)), `fused matmul ${activation}`);
    expectClose(both(() => tf.grads((x, y, z) => tf.sum(tf.square(fused(x, y, z))))([a2, b2, bias])), `fused matmul ${activation} gradients`);
  });

  /**
   * The gradient of sum(op(x) * R) at a few positions, by central differences on the native
   * forward pass, against the native backward pass. Used where tfjs's own JavaScript gradient is
   * wrong: AvgPoolGrad divides by the whole window at the borders of `same` padding although the
   * forward pass divides by the in-bounds count, and maxPool3dPositions mixes up the window's
   * height and width for non-square windows.
   */
  function expectFiniteDifferences(op: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, what: string): void {
    enableNative((binding as { binding: Parameters<typeof enableNative>[0] }).binding);
    const R = tf.tidy(() => rand(op(x).shape, 99));
    const f = (v: tf.Tensor) => tf.tidy(() => tf.sum(tf.mul(op(v), R)).dataSync()[0]);
    const analytic = tf.tidy(() => tf.grad((v) => tf.sum(tf.mul(op(v), R)))(x).dataSync());
    const values = x.dataSync();
    const eps = 1e-2;
    for (let probe = 0; probe < 12; probe++) {
      const i = int(0, values.length - 1);
      const shifted = (delta: number) => tf.tidy(() => f(tf.tensor(Float32Array.from(values, (v, j) => (j === i ? v + delta : v)), x.shape)));
      const numeric = (shifted(eps) - shifted(-eps)) / (2 * eps);
      expect([what, i, Math.abs(numeric - analytic[i]) < 2e-3 * Math.max(1, Math.abs(numeric)) ? 'ok' : [numeric, analytic[i]]]).toEqual([what, i, 'ok']);
    }
    disableNative();
  }

  it.each(Array.from({ length: CASES }, (_, i) => i))('max and average pooling, 2-D and 3-D, and their gradients, case %i', (seed) => {
    const pad = pick(['same', 'valid'] as const);
    const k = int(1, 3), s = int(1, 3);
    // values spread out, so a small finite difference never changes which value is the maximum
    const x2 = tf.mul(rand([int(1, 3), int(3, 9), int(3, 9), int(1, 4)], seed), 10);
    const x3 = tf.mul(rand([int(1, 2), int(2, 6), int(3, 6), int(3, 6), int(1, 3)], seed + 1), 10);
    const max2 = (x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, k, s, pad);
    const avg2 = (x: tf.Tensor) => tf.avgPool(x as tf.Tensor4D, k, s, pad);
    const max3 = (x: tf.Tensor) => tf.maxPool3d(x as tf.Tensor5D, [k, k, 1], [s, 1, s], pad);
    const avg3 = (x: tf.Tensor) => tf.avgPool3d(x as tf.Tensor5D, [k, 1, k], [1, s, s], pad);
    const gradient = (op: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor) => () => tf.grad((v) => tf.sum(tf.square(op(v))))(x);
    expectClose(both(() => max2(x2)), 'max 2d');
    expectClose(both(gradient(max2, x2)), 'max 2d gradient');
    expectClose(both(() => avg2(x2)), 'avg 2d');
    if (pad === 'valid') expectClose(both(gradient(avg2, x2)), 'avg 2d gradient');
    else expectFiniteDifferences(avg2, x2, 'avg 2d gradient, same padding');
    expectClose(both(() => max3(x3)), 'max 3d');
    if (k === 1) expectClose(both(gradient(max3, x3)), 'max 3d gradient');
    else expectFiniteDifferences(max3, x3, 'max 3d gradient, non-square window');
    expectClose(both(() => avg3(x3)), 'avg 3d');
    if (pad === 'valid') expectClose(both(gradient(avg3, x3)), 'avg 3d gradient');
    else expectFiniteDifferences(avg3, x3, 'avg 3d gradient, same padding');
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('element-wise operations with broadcasting and their gradients, case %i', (seed) => {
    const rank = int(1, 5);
    const shape = Array.from({ length: rank }, () => int(1, 5));
    const other = shape.map((d) => (random() < 0.35 ? 1 : d)).slice(int(0, rank - 1));
    const a = rand(shape, seed);
    const b = tf.add(rand(other.length ? other : [1], seed + 1), 3);
    for (const [name, op] of [
      ['add', tf.add],
      ['sub', tf.sub],
      ['mul', tf.mul],
      ['div', tf.div],
      ['maximum', tf.maximum],
      ['minimum', tf.minimum],
      ['squaredDifference', tf.squaredDifference],
    ] as const) {
      expectClose(both(() => op(a, b)), name);
      expectClose(both(() => op(b, a)), `${name} swapped`);
      // tfjs's gradients of maximum, minimum and squaredDifference do not reduce broadcast axes (on any backend)
      const other = ['add', 'sub', 'mul', 'div'].includes(name) ? b : tf.add(rand(shape, seed + 2), 3);
      expectClose(both(() => tf.grads((x, y) => tf.sum(tf.square(op(x, y))))([a, other])), `${name} gradients`);
    }
    const positive = tf.add(tf.abs(a), 0.5);
    const unaries: Array<[string, (x: tf.Tensor) => tf.Tensor]> = [
      ['relu', (x) => tf.relu(x)],
      ['relu6', (x) => tf.relu6(tf.mul(x, 4))],
      ['neg', (x) => tf.neg(x)],
      ['abs', (x) => tf.abs(x)],
      ['exp', (x) => tf.exp(x)],
      ['sigmoid', (x) => tf.sigmoid(x)],
      ['tanh', (x) => tf.tanh(x)],
      ['elu', (x) => tf.elu(x)],
      ['leakyRelu', (x) => tf.leakyRelu(x, 0.1)],
      ['square', (x) => tf.square(x)],
    ];
    for (const [name, op] of unaries) {
      expectClose(both(() => op(a)), name);
      expectClose(both(() => tf.grad((x) => tf.sum(tf.mul(op(x), a)))(a)), `${name} gradient`);
    }
    const positives: Array<[string, (x: tf.Tensor) => tf.Tensor]> = [
      ['log', (x) => tf.log(x)],
      ['sqrt', (x) => tf.sqrt(x)],
      ['rsqrt', (x) => tf.rsqrt(x)],
      ['reciprocal', (x) => tf.reciprocal(x)],
    ];
    for (const [name, op] of positives) {
      expectClose(both(() => op(positive)), name);
      expectClose(both(() => tf.grad((x) => tf.sum(op(x)))(positive)), `${name} gradient`);
    }
    expectClose(both(() => tf.addN([a, tf.mul(a, 2), tf.neg(a)])), 'addN');
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('reductions, slices, padding, transposes and concatenation, case %i', (seed) => {
    const rank = int(1, 5);
    const shape = Array.from({ length: rank }, () => int(1, 6));
    const x = rand(shape, seed);
    const first = int(0, rank - 1);
    const axes = Array.from({ length: int(1, rank - first) }, (_, i) => first + i);
    const keep = random() < 0.5;
    for (const [name, op] of [['sum', tf.sum], ['max', tf.max], ['min', tf.min], ['mean', tf.mean]] as const) {
      expectClose(both(() => op(x, axes, keep)), `${name} over ${axes}`);
      expectClose(both(() => tf.grad((y) => tf.sum(tf.square(op(y, axes, keep))))(x)), `${name} gradient`);
    }
    const begin = shape.map((d) => int(0, d - 1));
    const size = shape.map((d, i) => int(1, d - begin[i]));
    expectClose(both(() => tf.slice(x, begin, size)), 'slice');
    expectClose(both(() => tf.grad((y) => tf.sum(tf.square(tf.slice(y, begin, size))))(x)), 'slice gradient');
    const paddings = shape.map(() => [int(0, 2), int(0, 2)] as [number, number]);
    const fill = random() < 0.5 ? 0 : 1.5;
    expectClose(both(() => tf.pad(x, paddings, fill)), 'pad');
    expectClose(both(() => tf.grad((y) => tf.sum(tf.square(tf.pad(y, paddings))))(x)), 'pad gradient');
    const perm = Array.from({ length: rank }, (_, i) => i).sort(() => random() - 0.5);
    expectClose(both(() => tf.transpose(x, perm)), 'transpose');
    const axis = int(0, rank - 1);
    const y = rand(shape.map((d, i) => (i === axis ? int(1, 4) : d)), seed + 1);
    expectClose(both(() => tf.concat([x, y, x], axis)), 'concat');
    expectClose(both(() => tf.grads((p, q) => tf.sum(tf.square(tf.concat([p, q], axis))))([x, y])), 'concat gradients');
  });
});
