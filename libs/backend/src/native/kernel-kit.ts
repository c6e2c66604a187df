/**
 * What every native kernel needs: the cpu backend's own Float32Arrays for inputs (no copy), a new
 * Float32Array for the output (handed to the backend, no copy), and a way to fall back to the
 * original JavaScript kernel for what the native code does not cover.
 */
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeBinding } from './binding';
import { outputArray } from './output-memory';

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
  if (v instanceof Float32Array) return v;
  // tfjs's cpu backend casts int32/bool to float32 without converting: the float32 tensor shares
  // the Int32Array/Uint8Array of its source (e.g. the 0/1 masks in the gradients of maximum,
  // minimum, max and min). A converted copy, never written back (the source still owns it).
  if (v instanceof Int32Array || v instanceof Uint8Array) return Float32Array.from(v);
  return undefined;
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

/**
 * A new output of `shape`, filled by `fill`. Its array is on the addon's memory (output-memory.ts):
 * zeroed first, unless `overwrites` says that `fill` writes every element.
 */
export function output(backend: CpuBackend, shape: number[], fill: (out: Float32Array) => void, overwrites = false): TensorInfo {
  const out = outputArray(backend, size(shape), overwrites);
  fill(out);
  return backend.makeTensorInfo(shape, 'float32', out);
}

/** Calls oneDNN refused, per kernel (each ran tfjs's JavaScript kernel instead; kernelTallies has the details). */
export const refused = new Map<string, number>();

/**
 * Per kernel: how many calls ran natively, how many the native code declined (returned undefined:
 * a dtype, rank or attribute it does not cover) and how many oneDNN refused (threw
 * "ablate-native: ..."); the last two ran tfjs's JavaScript kernel instead. `lastFallback` says
 * what the last fallback was given. Tests read these to know the native code really ran.
 */
export interface KernelTally {
  native: number;
  declined: number;
  refused: number;
  lastFallback?: string;
}

const tallies = new Map<string, KernelTally>();

function tally(kernelName: string): KernelTally {
  let t = tallies.get(kernelName);
  if (!t) tallies.set(kernelName, (t = { native: 0, declined: 0, refused: 0 }));
  return t;
}

/** A copy of the counts so far (kernels never called are absent). */
export function kernelTallies(): Map<string, KernelTally> {
  return new Map([...tallies].map(([name, t]) => [name, { ...t }]));
}

export function resetKernelTallies(): void {
  tallies.clear();
}

let strict = false;

/** In strict mode a fallback to JavaScript throws instead of running silently. Returns the previous setting. */
export function setStrictNative(on: boolean): boolean {
  const previous = strict;
  strict = on;
  return previous;
}

export class NativeFallbackError extends Error {}

function describeArgs(args: KernelArgs): string {
  const inputs = Object.entries(args.inputs).map(([k, t]) => (t ? `${k}: ${t.dtype}[${t.shape.join(',')}]` : `${k}: none`));
  const attrs = Object.entries(args.attrs ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `{${inputs.join(', ')}}${attrs.length ? ` ${attrs.join(' ')}` : ''}`;
}

/** Wraps a native kernel as a tfjs kernel config that falls back to the original. */
export function kernelConfig(spec: NativeKernelSpec, original: KernelConfig | undefined, native: NativeBinding): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const kernelArgs = { ...(args as unknown as KernelArgs), attrs: args.attrs ?? {} };
    let result: TensorInfo | TensorInfo[] | undefined;
    let why = 'declined';
    try {
      result = spec.run(kernelArgs, native);
    } catch (error) {
      // The native library refused this configuration (e.g. a dilation oneDNN does not support).
      if (typeof (error as Error)?.message !== 'string' || !(error as Error).message.startsWith('ablate-native:')) throw error;
      refused.set(spec.kernelName, (refused.get(spec.kernelName) ?? 0) + 1);
      why = `refused (${(error as Error).message})`;
    }
    const t = tally(spec.kernelName);
    if (result !== undefined) {
      t.native++;
      return result;
    }
    if (why === 'declined') t.declined++;
    else t.refused++;
    t.lastFallback = `${why}: ${describeArgs(kernelArgs)}`;
    if (strict) throw new NativeFallbackError(`native kernel ${spec.kernelName} fell back to JavaScript (strict mode): ${t.lastFallback}`);
    if (!original) throw new Error(`native kernel ${spec.kernelName} cannot handle these inputs and there is no JavaScript kernel to fall back to`);
    return original.kernelFunc(args);
  };
  return { kernelName: spec.kernelName, backendName: 'cpu', kernelFunc };
}
