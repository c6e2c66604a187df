/**
 * What every native kernel needs: the cpu backend's own Float32Arrays for inputs (no copy), a new
 * Float32Array for the output (handed to the backend, no copy), and a way to fall back to the
 * original JavaScript kernel for what the native code does not cover.
 */
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeBinding } from './binding';

export interface CpuBackend {
  data: { get(id: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

export interface KernelArgs {
  inputs: Record<string, TensorInfo>;
  /** May be undefined for kernels without attributes. */
  attrs: NamedAttrMap;
  backend: CpuBackend;
}

/** A native implementation: returns the output(s), or undefined to let the original kernel run. */
export type NativeKernel = (args: KernelArgs, native: NativeBinding) => TensorInfo | TensorInfo[] | undefined;

export interface NativeKernelSpec {
  kernelName: string;
  run: NativeKernel;
}

export function values(backend: CpuBackend, t: TensorInfo): Float32Array | undefined {
  if (t.dtype !== 'float32') return undefined;
  const v = backend.data.get(t.dataId).values;
  return v instanceof Float32Array ? v : undefined;
}

export const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Activations the native code fuses: tfjs names → code of native/src/activation.h. */
export const ACTIVATIONS: Record<string, number> = { linear: 0, relu: 1, relu6: 2, elu: 3, leakyrelu: 4, sigmoid: 5 };

/**
 * What a fused kernel (_FusedConv2D, FusedDepthwiseConv2D, _FusedMatMul) adds after its product:
 * the activation code and the bias of `channels` values. Undefined when the native code cannot do
 * it (an activation it lacks, PReLU, a bias that is not one value per output channel).
 */
export function fusedEpilogue({ inputs, attrs, backend }: KernelArgs, channels: number): { bias: Float32Array | null; activation: number } | undefined {
  const activation = ACTIVATIONS[(attrs.activation as string) ?? 'linear'] ?? -1;
  if (activation < 0 || inputs.preluActivationWeights) return undefined;
  if (!inputs.bias) return { bias: null, activation };
  const bias = values(backend, inputs.bias);
  return bias && bias.length === channels ? { bias, activation } : undefined;
}

export function output(backend: CpuBackend, shape: number[], fill: (out: Float32Array) => void): TensorInfo {
  const out = new Float32Array(size(shape));
  fill(out);
  return backend.makeTensorInfo(shape, 'float32', out);
}

/** Configurations oneDNN refused, per kernel: they run in JavaScript from then on. */
export const refused = new Map<string, number>();

/** Wraps a native kernel as a tfjs kernel config that falls back to the original. */
export function kernelConfig(spec: NativeKernelSpec, original: KernelConfig | undefined, native: NativeBinding): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    let result: TensorInfo | TensorInfo[] | undefined;
    try {
      result = spec.run({ ...(args as unknown as KernelArgs), attrs: args.attrs ?? {} }, native);
    } catch (error) {
      // The native library refused this configuration (e.g. a dilation oneDNN does not support).
      if (typeof (error as Error)?.message !== 'string' || !(error as Error).message.startsWith('ablate-native:')) throw error;
      refused.set(spec.kernelName, (refused.get(spec.kernelName) ?? 0) + 1);
    }
    if (result !== undefined) return result;
    if (!original) throw new Error(`native kernel ${spec.kernelName} cannot handle these inputs and there is no JavaScript kernel to fall back to`);
    return original.kernelFunc(args);
  };
  return { kernelName: spec.kernelName, backendName: 'cpu', kernelFunc };
}
