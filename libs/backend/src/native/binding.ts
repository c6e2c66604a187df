/** The compiled addon (libs/backend/native, built by `npm ci` through tools/build-native.cjs). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { whyNotBuilt, whyNotLoaded, type NativeProblem } from './diagnose';

type F32 = Float32Array;
type Dims = number[];

export interface NativeBinding {
  setThreads(n: number): void;
  threads(): number;
  version(): { onednn: string; cpuRuntime: string; isa: string };
  /** Caps oneDNN's instruction set (sse41, avx, avx2, all); false when too late or refused. */
  setMaxIsa(isa: string): boolean;
  convForward(x: F32, filter: F32, out: F32, bias: F32 | null, xShape: Dims, filterShape: Dims, outShape: Dims, strides: Dims, dilations: Dims, padL: Dims, padR: Dims, depthwise: boolean): void;
  convBackwardData(dy: F32, filter: F32, dx: F32, unused: null, xShape: Dims, filterShape: Dims, dyShape: Dims, strides: Dims, dilations: Dims, padL: Dims, padR: Dims, depthwise: boolean): void;
  convBackwardWeights(x: F32, dy: F32, dw: F32, unused: null, xShape: Dims, filterShape: Dims, dyShape: Dims, strides: Dims, dilations: Dims, padL: Dims, padR: Dims, depthwise: boolean): void;
  convImplementation(xShape: Dims, filterShape: Dims, outShape: Dims, strides: Dims, dilations: Dims, padL: Dims, padR: Dims, depthwise: boolean): string;
  matmul(a: F32, b: F32, out: F32, bias: F32 | null, batchA: number, batchB: number, m: number, n: number, k: number, transposeA: boolean, transposeB: boolean, activation: number, alpha: number): void;
  pool(x: F32, out: F32, max: boolean, xShape: Dims, outShape: Dims, window: Dims, strides: Dims, pad: Dims): void;
  poolGrad(dy: F32, x: F32, dx: F32, max: boolean, xShape: Dims, outShape: Dims, window: Dims, strides: Dims, pad: Dims): void;
  /** The max pool of pool(), and per output value the input offset (within its example) its gradient goes to. */
  maxPoolWithIndices(x: F32, out: F32, indices: Int32Array, xShape: Dims, outShape: Dims, window: Dims, strides: Dims, pad: Dims): void;
  /** poolGrad's max case from maxPoolWithIndices's offsets. */
  maxPoolGradFromIndices(dy: F32, indices: Int32Array, dx: F32, xShape: Dims, outShape: Dims): void;
  binary(op: number, a: F32, b: F32, out: F32, aShape: Dims, bShape: Dims, outShape: Dims): void;
  unary(op: number, x: F32, out: F32, alpha: number): void;
  addN(inputs: F32[], out: F32): void;
  reduce(op: number, x: F32, out: F32, outer: number, reduced: number, inner: number): void;
  slice(x: F32, out: F32, xShape: Dims, begin: Dims, size: Dims): void;
  pad(x: F32, out: F32, xShape: Dims, before: Dims, outShape: Dims, value: number): void;
  transpose(x: F32, out: F32, xShape: Dims, perm: Dims): void;
  concat(inputs: F32[], widths: Dims, out: F32, outer: number): void;
  batchNormTrain(x: F32, gamma: F32, beta: F32, y: F32, mean: F32, variance: F32, inv: F32, rows: number, channels: number, epsilon: number): void;
  /** One optimizer step (rule 0 Adam, 1 AdamW, 2 SGD, 3 RMSprop) of every variable: inputs[i] = [v, grad, ...slots], outputs[i] = [v', ...slots']. */
  optimizerStep(rule: number, hyper: number[], inputs: F32[][], outputs: F32[][]): void;
  /** An ArrayBuffer of `length` floats on memory of the addon's own (zeroed when `zero`), which release() of a view of it frees at once. */
  allocate(length: number, zero: boolean): ArrayBuffer;
  /** Frees (and detaches) an array allocate() made; false for any other array or one already released. */
  release(array: F32): boolean;
  /** The arrays allocate() made that are not freed yet (released, or collected by V8), and their bytes. */
  allocated(): { arrays: number; bytes: number };
  /** Makes glibc keep freed memory for the next allocations (false where the C library is not glibc). */
  keepFreedMemory(): boolean;
  batchNormGrad(dy: F32, x: F32, mean: F32, inv: F32, gamma: F32, dx: F32, dgamma: F32, dbeta: F32, rows: number, channels: number): void;
}

export const ADDON_PATH = join(__dirname, '..', '..', 'native', 'build', 'Release', 'ablate_native.node');
const BUILD_LOG = join(__dirname, '..', '..', 'native', 'build-error.log');

export type Loaded = { ok: true; binding: NativeBinding } | ({ ok: false } & NativeProblem);

let loaded: Loaded | undefined;

export function loadBinding(): Loaded {
  if (loaded) return loaded;
  if (!existsSync(ADDON_PATH)) {
    loaded = { ok: false, ...whyNotBuilt(BUILD_LOG) };
    return loaded;
  }
  try {
    loaded = { ok: true, binding: require(ADDON_PATH) as NativeBinding };
  } catch (error) {
    loaded = { ok: false, ...whyNotLoaded((error as Error).message) };
  }
  return loaded;
}
