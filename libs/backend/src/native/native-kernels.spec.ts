/**
 * Property-style checks: every native kernel, and the gradients computed through it, against
 * tfjs's own JavaScript kernels on random shapes, strides, dilations, paddings, group counts and
 * broadcasts (seeded), within 1e-4 relative error. CI sets ABLATE_REQUIRE_NATIVE=1 so a broken
 * build fails instead of skipping.
 *
 * A native kernel that declines its inputs (returns undefined) or that oneDNN refuses falls back
 * to tfjs's JavaScript kernel, and the comparison would then be JavaScript against JavaScript: so
 * every comparison names the kernels it covers and checks, from kernel-kit's tallies, that each
 * of them ran natively and that no kernel fell back unless the case says it must. The generators
 * make valid cases only (no case passes without an assertion; empty outputs fail).
 *
 * Where tfjs has no gradient (dilated convolutions) or a wrong one, and for the replaced ReLU and
 * ReLU6 gradients, the analytic gradients are checked by central finite differences
 * (testing/finite-differences.ts). Non-finite inputs (NaN, ±Infinity, ±0) must come out of every
 * element-wise kernel as from tfjs's JavaScript kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { dilateKernel } from '@ablate/models';
import { stream } from '@ablate/spec';
import { loadBinding, type NativeBinding } from './binding';
import { replacedGradient } from './gradients';
import { kernelTallies, NativeFallbackError, resetKernelTallies, setStrictNative } from './kernel-kit';
import { maxPoolPositions } from './pool-kernels';
import { disableNative, enableNative, NATIVE_KERNELS } from './register-native';
import { finiteDifferenceMismatches, mismatches, numericDerivatives } from './testing/finite-differences';
import { selectBackend } from '../select-backend';

const binding = loadBinding();
if (process.env.ABLATE_REQUIRE_NATIVE && !binding.ok) throw new Error(`ABLATE_REQUIRE_NATIVE is set but ${binding.reason}`);
const suite = binding.ok ? describe : describe.skip;
const skipped = binding.ok ? '' : ` (skipped: ${binding.reason})`;
const addon = () => (binding as { binding: NativeBinding }).binding;

const random = stream(7, 'native-kernel-tests');
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(values: readonly T[]) => values[int(0, values.length - 1)];

/** The kernels a comparison covers (they must run natively) and those that must fall back. */
type Covered = readonly string[] | { native: readonly string[]; fallback: readonly string[] };

/** Checks the tallies since the last reset: `covered` ran natively, and nothing else fell back. */
function expectRanNatively(covered: Covered): void {
  const { native, fallback } = Array.isArray(covered) ? { native: covered as readonly string[], fallback: [] as readonly string[] } : (covered as { native: readonly string[]; fallback: readonly string[] });
  const tallies = kernelTallies();
  const fellBack = [...tallies].filter(([, t]) => t.declined + t.refused > 0);
  expect({
    covered: native,
    notRunNatively: native.filter((k) => !tallies.get(k)?.native),
    unexpectedFallbacks: fellBack.filter(([k]) => !fallback.includes(k)).map(([k, t]) => `${k} ${t.lastFallback}`),
    missingFallbacks: fallback.filter((k) => !fellBack.some(([name]) => name === k)),
  }).toEqual({ covered: native, notRunNatively: [], unexpectedFallbacks: [], missingFallbacks: [] });
}

/** Runs f with the native kernels (checking that `covered` ran natively), then with the JavaScript ones, and returns both results as arrays. */
function both(f: () => tf.Tensor | tf.Tensor[], covered: Covered): [Float32Array[], Float32Array[]] {
  const run = () => tf.tidy(() => ([] as tf.Tensor[]).concat(f()).map((t) => Float32Array.from(t.dataSync() as Float32Array)));
  enableNative(addon());
  resetKernelTallies();
  const native = run();
  expectRanNatively(covered);
  disableNative();
  const js = run();
  return [native, js];
}

/** Runs f with the native kernels, checking that `covered` ran natively. */
function natively<T>(f: () => T, covered: Covered): T {
  enableNative(addon());
  resetKernelTallies();
  try {
    const result = f();
    expectRanNatively(covered);
    return result;
  } finally {
    disableNative();
  }
}

function expectClose([native, js]: [Float32Array[], Float32Array[]], what: string): void {
  expect(native.length).toBe(js.length);
  native.forEach((a, i) => {
    const b = js[i];
    expect([what, a.length]).toEqual([what, b.length]);
    // an empty output would compare nothing
    expect([what, i, a.length > 0 ? 'not empty' : 'empty']).toEqual([what, i, 'not empty']);
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

const ACTIVATION_KERNEL: Record<string, string> = { relu: 'Relu', relu6: 'Relu6', elu: 'Elu', leakyrelu: 'LeakyRelu', sigmoid: 'Sigmoid' };

/** Under a gradient tfjs runs a fused op unfused (product, Add, activation) unless its activation is linear. */
function fusedGradientKernels(fused: string, unfused: string, activation: string, backward: readonly string[]): string[] {
  return activation === 'linear' ? [fused, ...backward] : [unfused, 'Add', ACTIVATION_KERNEL[activation], ...backward];
}

const CONV_BACKWARD = ['Conv2DBackpropInput', 'Conv2DBackpropFilter'];
const DEPTHWISE_BACKWARD = ['DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter'];

const data = (t: tf.Tensor) => Float32Array.from(t.dataSync() as Float32Array);
const tensors = (arrays: Float32Array[], shapes: number[][]) => arrays.map((a, i) => tf.tensor(a, shapes[i]));
const values = (shape: number[], seed: number, scale = 1) => tf.tidy(() => data(tf.mul(rand(shape, seed), scale)));

/**
 * Convolutions are linear in each input: no truncation error, so a step of 0.5, and what remains
 * is the float32 rounding of the changed outputs (about 6e-8 of |y| each, a few dozen outputs per
 * coordinate, all of them per direction, over a step of 1). Measured: at most 4.2e-6 of
 * max(1, |gradient|); a tolerance of 5e-5 leaves a margin of 10, while a wrong tap, stride or
 * dilation is off by the size of a gradient entry.
 */
const LINEAR = { eps: 0.5, tolerance: (numeric: number) => 5e-5 * Math.max(1, Math.abs(numeric)), coordinates: 8, directions: 3, random };

suite(`native kernels match the JavaScript kernels${skipped}`, () => {
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

  it('counts native runs and fallbacks: a kernel the native code declines runs in JavaScript and is tallied', () => {
    // AddN of tensors of different dtypes is not covered natively (an int32 input)
    const a = tf.tensor1d([1, 2, 3], 'int32');
    const b = tf.tensor1d([4, 5, 6], 'int32');
    const result = natively(() => data(tf.addN([a, b])), { native: [], fallback: ['AddN'] });
    expect(Array.from(result)).toEqual([5, 7, 9]);
    expect(kernelTallies().get('AddN')).toEqual({ native: 0, declined: 1, refused: 0, lastFallback: 'declined: {0: int32[3], 1: int32[3]}' });
    // in strict mode the fallback throws
    const previous = setStrictNative(true);
    try {
      expect(() => natively(() => tf.addN([a, b]), [])).toThrow(NativeFallbackError);
    } finally {
      setStrictNative(previous);
    }
    expect(Array.from(natively(() => data(tf.addN([tf.tensor1d([1, 2]), tf.tensor1d([3, 4])])), ['AddN']))).toEqual([4, 6]);
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('conv2d, fused conv2d and their gradients, case %i', (seed) => {
    const n = int(1, 3), cin = int(1, 5), cout = int(1, 6), k = int(1, 4);
    const dilated = random() < 0.25;
    const strides = dilated ? 1 : int(1, 3);
    const dilation = dilated ? 2 : 1;
    const pad = pick(['same', 'valid', int(0, 2)] as const);
    // 'valid' and explicit padding need the dilated kernel to fit in the padded input
    const span = (k - 1) * dilation + 1;
    const least = pad === 'same' ? 4 : Math.max(4, span - 2 * (typeof pad === 'number' ? pad : 0));
    const h = int(least, 11), w = int(least, 11);
    const x = rand([n, h, w, cin], seed);
    const f = rand([k, k, cin, cout], seed + 100);
    const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad as 'same', 'NHWC', dilation);
    expectClose(both(() => conv(x, f), ['Conv2D']), 'conv2d');
    const bias = rand([cout], seed + 200);
    const activation = pick(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid'] as const);
    // (tfjs's JavaScript fused kernels give NaN for leakyrelu when no alpha is passed; pass one)
    const fused = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.fused.conv2d({ x: a as tf.Tensor4D, filter: b as tf.Tensor4D, strides, pad: pad as 'same', dilations: dilation, bias: c, activation, leakyreluAlpha: 0.1 });
    expectClose(both(() => fused(x, f, bias), ['FusedConv2D']), `fused conv2d ${activation}`);
    if (dilation === 1) {
      expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(conv(a, b))))([x, f]), ['Conv2D', ...CONV_BACKWARD]), 'conv2d gradients');
      expectClose(both(() => tf.grads((a, b, c) => tf.sum(tf.square(fused(a, b, c))))([x, f, bias]), fusedGradientKernels('FusedConv2D', 'Conv2D', activation, CONV_BACKWARD)), `fused conv2d ${activation} gradients`);
    } else {
      // tfjs has no gradient for dilated convolutions; ablate's Conv layer dilates the kernel explicitly (checked by finite differences below)
      const explicit = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, dilateKernel(b, [dilation, dilation]) as tf.Tensor4D, strides, pad as 'same');
      const [native, js] = both(() => [explicit(x, f), conv(x, f)], ['Conv2D', 'PadV2', 'Slice']);
      expectClose([native, js], 'dilated conv2d and conv2d with the dilated kernel');
      expectClose([[native[0]], [native[1]]], 'dilated conv2d = conv2d with the explicitly dilated kernel');
      expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(explicit(a, b))))([x, f]), ['Conv2D', 'PadV2', 'Slice', ...CONV_BACKWARD]), 'dilated conv2d gradients (explicitly dilated kernel)');
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
    expectClose(both(() => dw(x, f), ['DepthwiseConv2dNative']), 'depthwise');
    if (dilation === 1) expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(dw(a, b))))([x, f]), ['DepthwiseConv2dNative', ...DEPTHWISE_BACKWARD]), 'depthwise gradients');
    // tfjs has no dilated depthwise gradient, and its JavaScript backward kernels ignore dilations: the native ones are checked by finite differences
    else expectDepthwiseFiniteDifferences([n, h, w, c], [k, k, c, m], [strides, strides], [dilation, dilation], pad, seed, false);
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
        }, ['AblateBatchNormTrain', 'AblateBatchNormGrad']),
        `batch norm ${shape}`,
      );
    }
  });

  it('handles the attributes tfjs-layers passes (depthwise dilations: null)', () => {
    const x = rand([2, 6, 6, 3], 1);
    const f = rand([3, 3, 3, 2], 2);
    const run = (name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>) => () => tf.engine().runKernel(name, inputs as never, attrs as never) as tf.Tensor;
    expectClose(both(run('DepthwiseConv2dNative', { x, filter: f }, { strides: 1, pad: 'same', dilations: null, dimRoundingMode: null }), ['DepthwiseConv2dNative']), 'depthwise, dilations null');
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('conv3d and its gradients, case %i', (seed) => {
    // every spatial size is at least 3, every kernel size at most 3: 'valid' always fits
    const n = int(1, 2), d = int(3, 8), h = int(3, 7), w = int(3, 7), cin = int(1, 3), cout = int(1, 4);
    const k = [int(1, 3), int(1, 3), int(1, 3)] as [number, number, number];
    const strides = [int(1, 2), int(1, 2), int(1, 2)] as [number, number, number];
    const pad = pick(['same', 'valid'] as const);
    const x = rand([n, d, h, w, cin], seed);
    const f = rand([...k, cin, cout], seed + 1);
    const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, strides, pad);
    expectClose(both(() => conv(x, f), ['Conv3D']), 'conv3d');
    expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(conv(a, b))))([x, f]), ['Conv3D', 'Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2']), 'conv3d gradients');
  });

  it("conv3d with tfjs's negative 'same' padding (stride above the kernel: oneDNN refused it before the input was cropped)", () => {
    const x = rand([2, 6, 5, 6, 2], 11);
    const f = rand([3, 3, 1, 2, 2], 12);
    const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, [2, 2, 2], 'same');
    expect(tf.backend_util.computeConv3DInfo([2, 6, 5, 6, 2], [3, 3, 1, 2, 2], [2, 2, 2], 1, 'same').padInfo.left).toBe(-1);
    expectClose(both(() => conv(x, f), ['Conv3D']), 'conv3d, negative padding');
    expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(conv(a, b))))([x, f]), ['Conv3D', 'Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2']), 'conv3d gradients, negative padding');
    const y = rand([1, 9, 4, 4, 1], 13);
    const g = rand([1, 1, 1, 1, 3], 14);
    expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, [3, 3, 3], 'same'))))([y, g]), ['Conv3D', 'Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2']), 'conv3d, negative padding on both sides');
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
    expectClose(both(() => tf.grads((a, b) => tf.sum(tf.square(grouped(a, b))))([x, f]), ['Conv2D', 'Concat', ...CONV_BACKWARD]), 'grouped conv gradients');
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('matrix products (batched, transposed, fused) and their gradients, case %i', (seed) => {
    const m = int(1, 9), k = int(1, 9), n = int(1, 9), batch = int(1, 3);
    const ta = random() < 0.5, tb = random() < 0.5;
    const broadcast = random() < 0.3;
    const a = rand(ta ? [batch, k, m] : [batch, m, k], seed);
    const b = rand(tb ? [batch, n, k] : [batch, k, n], seed + 1);
    const mm = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, ta, tb);
    expectClose(both(() => mm(a, b), ['BatchMatMul']), 'matmul');
    expectClose(both(() => tf.grads((x, y) => tf.sum(tf.square(mm(x, y))))([a, b]), ['BatchMatMul']), 'matmul gradients');
    if (broadcast) {
      // one side without the batch axis, broadcast against the other
      const a1 = rand(ta ? [k, m] : [m, k], seed + 5);
      const b1 = rand(tb ? [n, k] : [k, n], seed + 6);
      expectClose(both(() => [mm(a1, b), mm(a, b1)], ['BatchMatMul']), 'matmul, one side broadcast');
      // tfjs's gradient of a broadcast product does not reduce the broadcast axis ("the gradient of input 'a' has shape [batch, m, k]"); through an explicit broadcastTo it is summed
      const full = (t: tf.Tensor) => tf.broadcastTo(t, [batch, ...t.shape]);
      expectClose(both(() => tf.grads((x, y) => tf.sum(tf.square(mm(full(x), y))))([a1, b]), ['BatchMatMul', 'Sum']), 'matmul gradients, one side broadcast');
    }
    const a2 = rand(ta ? [k, m] : [m, k], seed + 2);
    const b2 = rand(tb ? [n, k] : [k, n], seed + 3);
    const bias = rand([n], seed + 4);
    const activation = pick(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid'] as const);
    const fused = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => tf.fused.matMul({ a: x as tf.Tensor2D, b: y as tf.Tensor2D, transposeA: ta, transposeB: tb, bias: z, activation, leakyreluAlpha: 0.1 });
    expectClose(both(() => fused(a2, b2, bias), ['_FusedMatMul']), `fused matmul ${activation}`);
    expectClose(both(() => tf.grads((x, y, z) => tf.sum(tf.square(fused(x, y, z))))([a2, b2, bias]), fusedGradientKernels('_FusedMatMul', 'BatchMatMul', activation, ['BatchMatMul'])), `fused matmul ${activation} gradients`);
  });

  /**
   * The gradient of sum(op(x) * R) at a few positions, by central differences on the native
   * forward pass, against the native backward pass. Used where tfjs's own JavaScript gradient is
   * wrong: AvgPoolGrad divides by the whole window at the borders of `same` padding although the
   * forward pass divides by the in-bounds count, and maxPool3dPositions mixes up the window's
   * height and width for non-square windows.
   */
  function expectFiniteDifferences(op: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor, what: string, covered: readonly string[]): void {
    enableNative(addon());
    resetKernelTallies();
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
    expectRanNatively(covered);
    disableNative();
  }

  it.each(Array.from({ length: CASES }, (_, i) => i))('max and average pooling, 2-D and 3-D, and their gradients, case %i', (seed) => {
    const pad = pick(['same', 'valid'] as const);
    const k = int(1, 3), s = int(1, 3);
    // values spread out, so a small finite difference never changes which value is the maximum;
    // every spatial size at least 3 = the largest window, so that 'valid' outputs are never empty
    const x2 = tf.mul(rand([int(1, 3), int(3, 9), int(3, 9), int(1, 4)], seed), 10);
    const x3 = tf.mul(rand([int(1, 2), int(3, 6), int(3, 6), int(3, 6), int(1, 3)], seed + 1), 10);
    const max2 = (x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, k, s, pad);
    const avg2 = (x: tf.Tensor) => tf.avgPool(x as tf.Tensor4D, k, s, pad);
    const max3 = (x: tf.Tensor) => tf.maxPool3d(x as tf.Tensor5D, [k, k, 1], [s, 1, s], pad);
    const avg3 = (x: tf.Tensor) => tf.avgPool3d(x as tf.Tensor5D, [k, 1, k], [1, s, s], pad);
    const gradient = (op: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor) => () => tf.grad((v) => tf.sum(tf.square(op(v))))(x);
    expectClose(both(() => max2(x2), ['MaxPool']), 'max 2d');
    expectClose(both(gradient(max2, x2), ['MaxPool', 'MaxPoolGrad']), 'max 2d gradient');
    expectClose(both(() => avg2(x2), ['AvgPool']), 'avg 2d');
    if (pad === 'valid') expectClose(both(gradient(avg2, x2), ['AvgPool', 'AvgPoolGrad']), 'avg 2d gradient');
    else expectFiniteDifferences(avg2, x2, 'avg 2d gradient, same padding', ['AvgPool', 'AvgPoolGrad']);
    expectClose(both(() => max3(x3), ['MaxPool3D']), 'max 3d');
    if (k === 1) expectClose(both(gradient(max3, x3), ['MaxPool3D', 'MaxPool3DGrad']), 'max 3d gradient');
    else expectFiniteDifferences(max3, x3, 'max 3d gradient, non-square window', ['MaxPool3D', 'MaxPool3DGrad']);
    expectClose(both(() => avg3(x3), ['AvgPool3D']), 'avg 3d');
    if (pad === 'valid') expectClose(both(gradient(avg3, x3), ['AvgPool3D', 'AvgPool3DGrad']), 'avg 3d gradient');
    else expectFiniteDifferences(avg3, x3, 'avg 3d gradient, same padding', ['AvgPool3D', 'AvgPool3DGrad']);
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('max-pool gradients from the positions the forward pass kept are bitwise those of the window search, 2-D and 3-D, case %i', (seed) => {
    const pad = pick(['same', 'valid'] as const);
    const k = int(1, 3), s = int(1, 3);
    // small integers: ties in most windows (the first maximum takes the gradient); a NaN or two
    const special = (t: tf.Tensor) => tf.tensor(Float32Array.from(t.dataSync(), (v, i) => (i % 17 === 5 ? NaN : Math.round(2 * v))), t.shape);
    const x2 = special(rand([int(1, 3), int(3, 9), int(3, 9), int(1, 4)], seed));
    const x3 = special(rand([int(1, 2), int(3, 6), int(3, 6), int(3, 6), int(1, 3)], seed + 1));
    const pools = [
      { kernel: 'MaxPool3DGrad', x: x3, attrs: { filterSize: [k, 1, k], strides: [s, s, 1], pad }, op: (x: tf.Tensor) => tf.maxPool3d(x as tf.Tensor5D, [k, 1, k], [s, s, 1], pad) },
      { kernel: 'MaxPoolGrad', x: x2, attrs: { filterSize: k, strides: s, pad }, op: (x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, k, s, pad) },
    ];
    for (const { kernel, x, attrs, op } of pools) {
      const [fromPositions, fromSearch] = natively(
        () =>
          tf.tidy(() => {
            const R = rand(op(x).shape, seed + 2);
            const before = { ...maxPoolPositions };
            // through the tape: the forward pass keeps the positions, its gradient uses them
            const viaPositions = tf.grad((v) => tf.sum(tf.mul(op(v), R)))(x);
            expect([kernel, maxPoolPositions.kept - before.kept, maxPoolPositions.used - before.used]).toEqual([kernel, 1, 1]);
            // outside the tape nothing is kept, and the gradient kernel searches the windows
            const viaSearch = tf.engine().runKernel(kernel, { dy: R, input: x, output: op(x) }, attrs) as tf.Tensor;
            expect([kernel, maxPoolPositions.kept - before.kept, maxPoolPositions.used - before.used]).toEqual([kernel, 1, 1]);
            return [data(viaPositions), data(viaSearch)];
          }),
        [kernel.replace('Grad', ''), kernel],
      );
      expect([kernel, fromPositions.some((v) => v !== 0)]).toEqual([kernel, true]);
      expect([kernel, Buffer.compare(Buffer.from(fromPositions.buffer), Buffer.from(fromSearch.buffer))]).toEqual([kernel, 0]);
    }
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('element-wise operations with broadcasting and their gradients, case %i', (seed) => {
    const rank = int(1, 5);
    const shape = Array.from({ length: rank }, () => int(1, 5));
    const other = shape.map((d) => (random() < 0.35 ? 1 : d)).slice(int(0, rank - 1));
    const a = rand(shape, seed);
    const b = tf.add(rand(other.length ? other : [1], seed + 1), 3);
    for (const [name, op, kernel] of [
      ['add', tf.add, 'Add'],
      ['sub', tf.sub, 'Sub'],
      ['mul', tf.mul, 'Multiply'],
      ['div', tf.div, 'RealDiv'],
      ['maximum', tf.maximum, 'Maximum'],
      ['minimum', tf.minimum, 'Minimum'],
      ['squaredDifference', tf.squaredDifference, 'SquaredDifference'],
    ] as const) {
      expectClose(both(() => op(a, b), [kernel]), name);
      expectClose(both(() => op(b, a), [kernel]), `${name} swapped`);
      // tfjs's gradients of maximum, minimum and squaredDifference do not reduce broadcast axes (on any backend)
      const other = ['add', 'sub', 'mul', 'div'].includes(name) ? b : tf.add(rand(shape, seed + 2), 3);
      expectClose(both(() => tf.grads((x, y) => tf.sum(tf.square(op(x, y))))([a, other]), [kernel, 'Multiply']), `${name} gradients`);
    }
    const positive = tf.add(tf.abs(a), 0.5);
    // [name, op, forward kernel, kernels of the gradient that must run natively]
    const unaries: Array<[string, (x: tf.Tensor) => tf.Tensor, string, string[]]> = [
      ['relu', (x) => tf.relu(x), 'Relu', ['AblateReluGrad']],
      ['relu6', (x) => tf.relu6(tf.mul(x, 4)), 'Relu6', ['AblateRelu6Grad']],
      ['neg', (x) => tf.neg(x), 'Neg', []],
      ['abs', (x) => tf.abs(x), 'Abs', ['Step']],
      ['exp', (x) => tf.exp(x), 'Exp', []],
      ['sigmoid', (x) => tf.sigmoid(x), 'Sigmoid', []],
      ['tanh', (x) => tf.tanh(x), 'Tanh', []],
      ['elu', (x) => tf.elu(x), 'Elu', []],
      ['leakyRelu', (x) => tf.leakyRelu(x, 0.1), 'LeakyRelu', []],
      ['square', (x) => tf.square(x), 'Square', []],
    ];
    for (const [name, op, kernel, backward] of unaries) {
      expectClose(both(() => op(a), [kernel]), name);
      expectClose(both(() => tf.grad((x) => tf.sum(tf.mul(op(x), a)))(a), [kernel, 'Multiply', ...backward]), `${name} gradient`);
    }
    const positives: Array<[string, (x: tf.Tensor) => tf.Tensor, string]> = [
      ['log', (x) => tf.log(x), 'Log'],
      ['sqrt', (x) => tf.sqrt(x), 'Sqrt'],
      ['rsqrt', (x) => tf.rsqrt(x), 'Rsqrt'],
      ['reciprocal', (x) => tf.reciprocal(x), 'Reciprocal'],
    ];
    for (const [name, op, kernel] of positives) {
      expectClose(both(() => op(positive), [kernel]), name);
      expectClose(both(() => tf.grad((x) => tf.sum(op(x)))(positive), [kernel, 'RealDiv']), `${name} gradient`);
    }
    expectClose(both(() => tf.addN([a, tf.mul(a, 2), tf.neg(a)]), ['AddN']), 'addN');
  });

  it.each(Array.from({ length: CASES }, (_, i) => i))('reductions, slices, padding, transposes and concatenation, case %i', (seed) => {
    const rank = int(1, 5);
    const shape = Array.from({ length: rank }, () => int(1, 6));
    const x = rand(shape, seed);
    const first = int(0, rank - 1);
    const axes = Array.from({ length: int(1, rank - first) }, (_, i) => first + i);
    const keep = random() < 0.5;
    for (const [name, op, kernel] of [
      ['sum', tf.sum, 'Sum'],
      ['max', tf.max, 'Max'],
      ['min', tf.min, 'Min'],
      ['mean', tf.mean, 'Mean'],
    ] as const) {
      expectClose(both(() => op(x, axes, keep), [kernel]), `${name} over ${axes}`);
      expectClose(both(() => tf.grad((y) => tf.sum(tf.square(op(y, axes, keep))))(x), [kernel, 'Multiply']), `${name} gradient`);
    }
    if (rank >= 3) {
      // axes that are not one contiguous block: moved last by a native transpose
      const split = [0, rank - 1];
      expectClose(both(() => [tf.sum(x, split), tf.max(x, split, true), tf.min(x, split), tf.mean(x, split, true)], ['Sum', 'Max', 'Min', 'Mean']), `reductions over ${split}`);
    }
    const begin = shape.map((d) => int(0, d - 1));
    const size = shape.map((d, i) => int(1, d - begin[i]));
    expectClose(both(() => tf.slice(x, begin, size), ['Slice']), 'slice');
    expectClose(both(() => tf.grad((y) => tf.sum(tf.square(tf.slice(y, begin, size))))(x), ['Slice', 'PadV2']), 'slice gradient');
    const paddings = shape.map(() => [int(0, 2), int(0, 2)] as [number, number]);
    const fill = random() < 0.5 ? 0 : 1.5;
    expectClose(both(() => tf.pad(x, paddings, fill), ['PadV2']), 'pad');
    expectClose(both(() => tf.grad((y) => tf.sum(tf.square(tf.pad(y, paddings))))(x), ['PadV2', 'Slice']), 'pad gradient');
    // tfjs transposes a rank-1 tensor without a kernel: transpose at least two axes
    const xt = rank > 1 ? x : tf.reshape(x, [shape[0], 1]);
    const perm = Array.from({ length: xt.rank }, (_, i) => i).sort(() => random() - 0.5);
    expectClose(both(() => tf.transpose(xt, perm), ['Transpose']), 'transpose');
    const axis = int(0, rank - 1);
    const y = rand(shape.map((d, i) => (i === axis ? int(1, 4) : d)), seed + 1);
    expectClose(both(() => tf.concat([x, y, x], axis), ['Concat']), 'concat');
    expectClose(both(() => tf.grads((p, q) => tf.sum(tf.square(tf.concat([p, q], axis))))([x, y]), ['Concat']), 'concat gradients');
  });

  /** NaN, infinities, signed zeros, and finite values around the kinks of ReLU6. */
  const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -2.5, 6, 7, 3e38, -3e38];

  /** Same class and value: NaN for NaN, the same infinity, the same signed zero, finite values within 1e-6. */
  function sameValue(a: number, b: number): boolean {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (!Number.isFinite(a) || !Number.isFinite(b) || a === 0 || b === 0) return Object.is(a, b);
    return Math.abs(a - b) <= 1e-6 * Math.abs(b);
  }

  function expectSameValues([native, js]: [Float32Array[], Float32Array[]], what: string, inputs: (i: number) => string): void {
    native.forEach((a, k) => {
      const b = js[k];
      expect([what, k, a.length]).toEqual([what, k, b.length]);
      const differ: string[] = [];
      a.forEach((v, i) => {
        if (!sameValue(v, b[i])) differ.push(`${inputs(i)}: native ${Object.is(v, -0) ? '-0' : v}, JavaScript ${Object.is(b[i], -0) ? '-0' : b[i]}`);
      });
      expect([what, k, differ.slice(0, 8)]).toEqual([what, k, []]);
    });
  }

  it('element-wise kernels propagate NaN and infinities as the JavaScript kernels (unary, binary on every broadcast path, AddN)', () => {
    const s = tf.tensor1d(SPECIAL);
    const name = (v: number) => (Object.is(v, -0) ? '-0' : String(v));
    const unaries: Array<[string, (x: tf.Tensor) => tf.Tensor]> = [
      ['Relu', tf.relu],
      ['Relu6', tf.relu6],
      ['Step', (x) => tf.step(x)],
      ['Step', (x) => tf.step(x, 0.3)],
      ['Neg', tf.neg],
      ['Abs', tf.abs],
      ['Exp', tf.exp],
      ['Log', tf.log],
      ['Sqrt', tf.sqrt],
      ['Rsqrt', tf.rsqrt],
      ['Square', tf.square],
      ['Sigmoid', tf.sigmoid],
      ['Tanh', tf.tanh],
      ['Elu', tf.elu],
      ['LeakyRelu', (x) => tf.leakyRelu(x, 0.1)],
      ['LeakyRelu', (x) => tf.leakyRelu(x, 0)],
      ['Reciprocal', tf.reciprocal],
    ];
    for (const [kernel, op] of unaries) expectSameValues(both(() => op(s), [kernel]), kernel, (i) => `${kernel}(${name(SPECIAL[i])})`);
    const count = SPECIAL.length;
    const left = SPECIAL.flatMap((v) => SPECIAL.map(() => v));
    const right = SPECIAL.flatMap(() => SPECIAL);
    const pair = (i: number) => `(${name(left[i])}, ${name(right[i])})`;
    const binaries: Array<[string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor]> = [
      ['Add', tf.add],
      ['Sub', tf.sub],
      ['Multiply', tf.mul],
      ['RealDiv', tf.div],
      ['Maximum', tf.maximum],
      ['Minimum', tf.minimum],
      ['SquaredDifference', tf.squaredDifference],
    ];
    for (const [kernel, op] of binaries) {
      // same shapes, a [count, count] matrix against a row (both sides), a general broadcast, and scalars
      const a = tf.tensor1d(left);
      const b = tf.tensor1d(right);
      const matrix = tf.tensor2d(left, [count, count]);
      expectSameValues(both(() => op(a, b), [kernel]), kernel, pair);
      expectSameValues(both(() => [op(matrix, s), op(s, tf.transpose(matrix))], [kernel, 'Transpose']), `${kernel}, rows`, (i) => `${pair(i)} or swapped`);
      expectSameValues(both(() => op(tf.reshape(s, [count, 1, 1]), tf.reshape(s, [1, count, 1])), [kernel]), `${kernel}, general broadcast`, (i) => `(${name(SPECIAL[Math.floor(i / count)])}, ${name(SPECIAL[i % count])})`);
      for (const v of SPECIAL) {
        expectSameValues(both(() => [op(tf.scalar(v), s), op(s, tf.scalar(v))], [kernel]), `${kernel}, scalar ${name(v)}`, (i) => `(${name(v)}, ${name(SPECIAL[i])}) or swapped`);
      }
    }
    expectSameValues(both(() => tf.addN([tf.tensor1d(left), tf.tensor1d(right), tf.tensor1d(right)]), ['AddN']), 'AddN', pair);
  });

  it('fused activations after products, reductions and max pooling propagate NaN and infinities as the JavaScript kernels', () => {
    const count = SPECIAL.length;
    const name = (i: number) => (Object.is(SPECIAL[i], -0) ? '-0' : String(SPECIAL[i]));
    // a [count, 1] x [1, 1] product of 1 (+ bias 0) is the input itself, then the activation
    const a = tf.tensor2d(SPECIAL, [count, 1]);
    const one = tf.tensor2d([1], [1, 1]);
    const zero = tf.tensor1d([0]);
    const x = tf.reshape(a, [1, count, 1, 1]);
    const filter = tf.reshape(one, [1, 1, 1, 1]);
    for (const activation of ['relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid'] as const) {
      expectSameValues(both(() => tf.fused.matMul({ a, b: one, bias: zero, activation, leakyreluAlpha: 0.1 }), ['_FusedMatMul']), `_FusedMatMul ${activation}`, name);
      expectSameValues(both(() => tf.fused.conv2d({ x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, strides: 1, pad: 'valid', bias: zero, activation, leakyreluAlpha: 0.1 }), ['FusedConv2D']), `FusedConv2D ${activation}`, name);
    }
    const rows = tf.tensor2d(
      [
        ...SPECIAL,
        ...SPECIAL.map(() => -Infinity),
        ...SPECIAL.map(() => Infinity),
        ...SPECIAL.map((_, i) => (i % 2 ? 0 : -0)),
        ...SPECIAL.map((_, i) => (i === count - 1 ? NaN : i)),
      ],
      [5, count],
    );
    for (const [kernel, op] of [
      ['Sum', tf.sum],
      ['Max', tf.max],
      ['Min', tf.min],
      ['Mean', tf.mean],
    ] as const) {
      expectSameValues(both(() => [op(rows, 1), op(rows, 0), op(rows)], [kernel]), kernel, (i) => `element ${i}`);
    }
    // windows of 2x2: all -Infinity, a NaN among numbers (tfjs's max pool skips NaN), infinities
    const image = tf.tensor4d([-Infinity, -Infinity, NaN, 1, -Infinity, -Infinity, 2, 3, Infinity, -Infinity, 0, -0, 5, NaN, -0, -0], [1, 4, 4, 1]);
    expectSameValues(both(() => [tf.maxPool(image, 2, 1, 'valid'), tf.avgPool(image, 2, 1, 'valid')], ['MaxPool', 'AvgPool']), 'pooling', (i) => `window ${i}`);
  });

  it('the ReLU and ReLU6 gradients are tfjs\'s (dy * step(x), dy * (x <= 6) * step(x)) for NaN, infinities and zeros in dy and x', () => {
    const count = SPECIAL.length;
    const dy = tf.tensor1d(SPECIAL.flatMap((v) => SPECIAL.map(() => v)));
    const x = tf.tensor1d(SPECIAL.flatMap(() => SPECIAL));
    const pair = (i: number) => `dy ${SPECIAL[Math.floor(i / count)]}, x ${SPECIAL[i % count]}`;
    for (const [op, kernel] of [
      ['Relu', 'AblateReluGrad'],
      ['Relu6', 'AblateRelu6Grad'],
    ] as const) {
      const original = replacedGradient(op);
      expect([op, original?.kernelName]).toEqual([op, op]);
      // tfjs's own gradient, on tfjs's JavaScript kernels
      const tfjs = tf.tidy(() => data((original?.gradFunc(dy, [x], {}) as { x: () => tf.Tensor }).x()));
      const [native, js] = both(() => tf.engine().runKernel(kernel, { dy, x }) as tf.Tensor, [kernel]);
      expectSameValues([native, [tfjs]], `native ${kernel} against tfjs's gradient`, pair);
      expectSameValues([js, [tfjs]], `JavaScript ${kernel} against tfjs's gradient`, pair);
    }
  });

  /** Gradient of sum(R * op(x)) for ReLU-like ops by finite differences, on x away from the kinks by more than the step. */
  it.each([[[7]], [[3, 4]], [[2, 3, 4]], [[2, 2, 3, 3]], [[2, 1, 3, 2, 4]]])('ReLU and ReLU6 gradients against finite differences, native and JavaScript, shape %j', (shape) => {
    const eps = 1e-2;
    const away = (v: number, kink: number) => (Math.abs(v - kink) < 4 * eps ? kink + (v < kink ? -8 * eps : 8 * eps) : v);
    const xs = values(shape, 31 + shape.length, 4).map((v) => away(away(v + 3, 0), 6));
    const R = values(shape, 41 + shape.length);
    for (const [op, kernel] of [
      [tf.relu, 'AblateReluGrad'],
      [tf.relu6, 'AblateRelu6Grad'],
    ] as const) {
      const forward = ([v]: Float32Array[]) => tf.tidy(() => [data(op(tf.tensor(v, shape)))]);
      const analytic = () => tf.tidy(() => data(tf.grad((v) => tf.sum(tf.mul(op(v), tf.tensor(R, shape))))(tf.tensor(xs, shape))));
      // piecewise linear and away from its kinks, each output a copy of its input (or 0, 6): exact but for float64 summation (measured 2e-13)
      const check = { inputs: [xs], weights: [R], eps, tolerance: (n: number) => 1e-9 * Math.max(1, Math.abs(n)), coordinates: 40, directions: 3, random };
      const native = natively(() => finiteDifferenceMismatches({ ...check, f: forward, analytic: [analytic()] }), [op === tf.relu ? 'Relu' : 'Relu6', kernel]);
      expect([kernel, 'native', native]).toEqual([kernel, 'native', []]);
      const js = finiteDifferenceMismatches({ ...check, f: forward, analytic: [analytic()] });
      expect([kernel, 'JavaScript', js]).toEqual([kernel, 'JavaScript', []]);
    }
  });

  /**
   * Dilated conv2d: the native forward kernel (oneDNN, dilated), differentiated numerically,
   * against (1) the gradient ablate trains with — conv2d with the explicitly dilated kernel, through
   * Conv2DBackpropInput/Filter — native and JavaScript, and (2) oneDNN's own dilated backward
   * passes, called on the addon directly (what the depthwise kernels use).
   */
  it.each([
    [3, [2, 2], 'valid'],
    [3, [2, 2], 'same'],
    [2, [3, 1], 'same'],
    [3, [1, 2], 'valid'],
    [2, [2, 3], 'valid'],
  ] as const)('dilated conv2d gradients against finite differences: kernel %i, dilations %j, %s', (k, dilations, pad) => {
    const xShape = [2, 9, 8, 3];
    const fShape = [k, k, 3, 4];
    const [x, f] = [values(xShape, 51 + k), values(fShape, 61 + k, 0.5)];
    const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, pad, 'NHWC', dilations as [number, number]);
    const forward = ([a, b]: Float32Array[]) => tf.tidy(() => [data(conv(tf.tensor(a, xShape), tf.tensor(b, fShape)))]);
    const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], fShape as [number, number, number, number], 1, dilations as [number, number], pad);
    const R = values(info.outShape, 71 + k);
    const explicit = () =>
      tf.tidy(() => tf.grads((a, b) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, dilateKernel(b, dilations) as tf.Tensor4D, 1, pad), tf.tensor(R, info.outShape))))(tensors([x, f], [xShape, fShape])).map(data));
    const { tolerance, ...check } = { inputs: [x, f], weights: [R], ...LINEAR };
    const padL = [info.padInfo.top, info.padInfo.left], padR = [info.padInfo.bottom, info.padInfo.right];
    const dx = new Float32Array(x.length), dw = new Float32Array(f.length);
    addon().convBackwardData(R, f, dx, null, xShape, fShape, info.outShape, [1, 1], [...dilations], padL, padR, false);
    addon().convBackwardWeights(x, R, dw, null, xShape, fShape, info.outShape, [1, 1], [...dilations], padL, padR, false);
    // one set of numerical derivatives of the native forward pass for both native gradients
    const [probes, native] = natively(() => [numericDerivatives({ ...check, f: forward }), explicit()] as const, ['Conv2D', ...CONV_BACKWARD]);
    expect(['native, explicitly dilated kernel', mismatches(probes, native, tolerance)]).toEqual(['native, explicitly dilated kernel', []]);
    expect(["oneDNN's dilated backward passes", mismatches(probes, [dx, dw], tolerance)]).toEqual(["oneDNN's dilated backward passes", []]);
    expect(['JavaScript, explicitly dilated kernel', finiteDifferenceMismatches({ ...check, tolerance, f: forward, analytic: explicit() })]).toEqual(['JavaScript, explicitly dilated kernel', []]);
  });

  /** Depthwise conv2d: the backward kernels against finite differences of the forward one (native; JavaScript too when it is right). */
  function expectDepthwiseFiniteDifferences(xShape: number[], fShape: number[], strides: number[], dilations: number[], pad: 'same' | 'valid', seed: number, javascript: boolean): void {
    const [x, f] = [values(xShape, 81 + seed), values(fShape, 91 + seed, 0.5)];
    const attrs = { strides, dilations, pad, dimRoundingMode: undefined };
    const forward = ([a, b]: Float32Array[]) => tf.tidy(() => [data(tf.depthwiseConv2d(tf.tensor4d(a, xShape as [number, number, number, number]), tf.tensor4d(b, fShape as [number, number, number, number]), strides as [number, number], pad, 'NHWC', dilations as [number, number]))]);
    const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], fShape as [number, number, number, number], strides as [number, number], dilations as [number, number], pad, undefined, true);
    const R = values(info.outShape, 101 + seed);
    const analytic = () =>
      tf.tidy(() => {
        const [dy, filter, input] = tensors([R, f, x], [info.outShape, fShape, xShape]);
        return [
          data(tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...attrs, inputShape: xShape } as never) as tf.Tensor),
          data(tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x: input, dy }, { ...attrs, filterShape: fShape } as never) as tf.Tensor),
        ];
      });
    const check = { inputs: [x, f], weights: [R], ...LINEAR };
    const what = `depthwise ${xShape} * ${fShape}, strides ${strides}, dilations ${dilations}, ${pad}`;
    const native = natively(() => finiteDifferenceMismatches({ ...check, f: forward, analytic: analytic() }), ['DepthwiseConv2dNative', ...DEPTHWISE_BACKWARD]);
    expect([what, 'native', native]).toEqual([what, 'native', []]);
    if (javascript) expect([what, 'JavaScript', finiteDifferenceMismatches({ ...check, f: forward, analytic: analytic() })]).toEqual([what, 'JavaScript', []]);
  }

  it.each([
    [[2, 7, 8, 3], [3, 3, 3, 1], [1, 1], [1, 1], 'same'],
    [[2, 9, 9, 2], [3, 3, 2, 2], [2, 2], [1, 1], 'valid'],
    [[1, 8, 7, 4], [3, 2, 4, 1], [2, 1], [1, 1], 'same'],
    [[2, 9, 9, 3], [3, 3, 3, 1], [1, 1], [2, 2], 'same'],
    [[1, 10, 8, 2], [3, 3, 2, 2], [1, 1], [1, 3], 'valid'],
    [[2, 8, 8, 2], [2, 3, 2, 1], [1, 1], [3, 2], 'same'],
  ] as const)('depthwise conv2d gradients against finite differences: x %j, filter %j, strides %j, dilations %j, %s', (xShape, fShape, strides, dilations, pad) => {
    // tfjs's JavaScript backward kernels step through the window without the dilation: right only undilated
    expectDepthwiseFiniteDifferences([...xShape], [...fShape], [...strides], [...dilations], pad, xShape[1] + fShape[0], dilations.every((d) => d === 1));
  });
});
