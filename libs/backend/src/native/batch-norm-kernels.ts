/**
 * Training-mode batch normalisation as two kernels, for the cpu-based backends:
 *   AblateBatchNormTrain {x, gamma, beta} (epsilon) -> [y, mean, variance, inv]
 *   AblateBatchNormGrad {dy, x, mean, inv, gamma} -> [dx, dgamma, dbeta]
 * on x seen as [rows, channels] (channels last). `variance` is the biased batch variance and
 * `inv` = 1 / sqrt(variance + epsilon). The BatchNorm layer of libs/models uses them when the
 * current backend has them (tfjs's op-by-op version is a dozen full-size passes each way);
 * JavaScript loops here, native ones (native/src/batch_norm.cc) with the other native kernels.
 */
import { registerKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { values, type CpuBackend, type NativeKernelSpec } from './kernel-kit';
import { outputArray } from './output-memory';

export const BATCH_NORM_TRAIN = 'AblateBatchNormTrain';
export const BATCH_NORM_GRAD = 'AblateBatchNormGrad';

const f32 = (backend: CpuBackend, t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
const channelsOf = (t: TensorInfo) => t.shape[t.shape.length - 1];

function trainJs(x: Float32Array, gamma: Float32Array, beta: Float32Array, channels: number, epsilon: number) {
  const rows = x.length / channels;
  const sum = new Float64Array(channels);
  const squares = new Float64Array(channels);
  for (let r = 0, i = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++, i++) {
      sum[c] += x[i];
      squares[c] += x[i] * x[i];
    }
  }
  const mean = new Float32Array(channels);
  const variance = new Float32Array(channels);
  const inv = new Float32Array(channels);
  const scale = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const m = sum[c] / rows;
    const v = Math.max(0, squares[c] / rows - m * m);
    const iv = 1 / Math.sqrt(v + epsilon);
    [mean[c], variance[c], inv[c]] = [m, v, iv];
    scale[c] = iv * gamma[c];
    shift[c] = beta[c] - m * iv * gamma[c];
  }
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i] * scale[i % channels] + shift[i % channels];
  return { y, mean, variance, inv };
}

function gradJs(dy: Float32Array, x: Float32Array, mean: Float32Array, inv: Float32Array, gamma: Float32Array) {
  const channels = mean.length;
  const rows = x.length / channels;
  const sdy = new Float64Array(channels);
  const sdyx = new Float64Array(channels);
  for (let i = 0; i < x.length; i++) {
    const c = i % channels;
    sdy[c] += dy[i];
    sdyx[c] += dy[i] * (x[i] - mean[c]);
  }
  const dgamma = new Float32Array(channels);
  const dbeta = new Float32Array(channels);
  const [a, b, d] = [new Float32Array(channels), new Float32Array(channels), new Float32Array(channels)];
  for (let c = 0; c < channels; c++) {
    const [iv, g] = [inv[c], gamma[c]];
    const dg = sdyx[c] * iv;
    dbeta[c] = sdy[c];
    dgamma[c] = dg;
    a[c] = g * iv;
    b[c] = (-g * iv * iv * dg) / rows;
    d[c] = (-g * iv * sdy[c]) / rows + (g * iv * iv * dg * mean[c]) / rows;
  }
  const dx = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const c = i % channels;
    dx[i] = a[c] * dy[i] + b[c] * x[i] + d[c];
  }
  return { dx, dgamma, dbeta };
}

const trainKernel: KernelFunc = ({ inputs, attrs, backend }) => {
  const cpu = backend as unknown as CpuBackend;
  const { x, gamma, beta } = inputs as Record<'x' | 'gamma' | 'beta', TensorInfo>;
  const channels = channelsOf(x);
  const out = trainJs(f32(cpu, x), f32(cpu, gamma), f32(cpu, beta), channels, attrs?.epsilon as number);
  return [cpu.makeTensorInfo(x.shape, 'float32', out.y), ...[out.mean, out.variance, out.inv].map((v) => cpu.makeTensorInfo([channels], 'float32', v))];
};

const gradKernel: KernelFunc = ({ inputs, backend }) => {
  const cpu = backend as unknown as CpuBackend;
  const { dy, x, mean, inv, gamma } = inputs as Record<'dy' | 'x' | 'mean' | 'inv' | 'gamma', TensorInfo>;
  const out = gradJs(f32(cpu, dy), f32(cpu, x), f32(cpu, mean), f32(cpu, inv), f32(cpu, gamma));
  return [cpu.makeTensorInfo(x.shape, 'float32', out.dx), cpu.makeTensorInfo(mean.shape, 'float32', out.dgamma), cpu.makeTensorInfo(mean.shape, 'float32', out.dbeta)];
};

export const BATCH_NORM_JS: readonly KernelConfig[] = [
  { kernelName: BATCH_NORM_TRAIN, backendName: 'cpu', kernelFunc: trainKernel },
  { kernelName: BATCH_NORM_GRAD, backendName: 'cpu', kernelFunc: gradKernel },
];

let registered = false;

/** The JavaScript kernels on tfjs's cpu backend (the native ones replace them when enabled). */
export function registerBatchNormKernels(): void {
  if (registered) return;
  registered = true;
  for (const k of BATCH_NORM_JS) registerKernel(k);
}

export const BATCH_NORM_KERNELS: NativeKernelSpec[] = [
  {
    kernelName: BATCH_NORM_TRAIN,
    run({ inputs, attrs, backend }, native) {
      const [x, gamma, beta] = [values(backend, inputs.x), values(backend, inputs.gamma), values(backend, inputs.beta)];
      if (!x || !gamma || !beta) return undefined;
      const channels = channelsOf(inputs.x);
      // y and dx are written whole by the native code: not zeroed first
      const y = outputArray(backend, x.length, true);
      const [mean, variance, inv] = [new Float32Array(channels), new Float32Array(channels), new Float32Array(channels)];
      native.batchNormTrain(x, gamma, beta, y, mean, variance, inv, x.length / channels, channels, attrs.epsilon as number);
      return [backend.makeTensorInfo(inputs.x.shape, 'float32', y), ...[mean, variance, inv].map((v) => backend.makeTensorInfo([channels], 'float32', v))];
    },
  },
  {
    kernelName: BATCH_NORM_GRAD,
    run({ inputs, backend }, native) {
      const [dy, x, mean, inv, gamma] = (['dy', 'x', 'mean', 'inv', 'gamma'] as const).map((k) => values(backend, inputs[k]));
      if (!dy || !x || !mean || !inv || !gamma) return undefined;
      const channels = mean.length;
      const dx = outputArray(backend, x.length, true);
      const [dgamma, dbeta] = [new Float32Array(channels), new Float32Array(channels)];
      native.batchNormGrad(dy, x, mean, inv, gamma, dx, dgamma, dbeta, x.length / channels, channels);
      return [backend.makeTensorInfo(inputs.x.shape, 'float32', dx), ...[dgamma, dbeta].map((v) => backend.makeTensorInfo([channels], 'float32', v))];
    },
  },
];
