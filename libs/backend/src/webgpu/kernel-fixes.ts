/**
 * Kernels of tfjs-backend-webgpu 4.22 that fail on inputs ablate's networks produce, or that
 * would make a run unrepeatable, wrapped so that they do not (each kept to what the problem
 * needs; the original kernel does the work):
 * - PadV2 generates WGSL only up to rank 4 (rank 5 indexes a `vec5` struct and does not compile),
 *   and 3-D convolutions pad [N, D, H, W, C] tensors. Axes without padding are merged into the
 *   axis before them (padding an outer axis by p rows pads the merged one by p * inner elements),
 *   which brings every padding of a channels-last 3-D tensor down to rank 4.
 * - BatchMatMul and _FusedMatMul pick a "split-K" program for a product with few outputs and a
 *   long inner dimension (a dense layer after a large flatten, at small batches): its workgroups
 *   add their partial sums into the output with float atomics, in whatever order they finish, so
 *   two runs differ in the last bits (measured on lavapipe: 5 of 6 repeats of a [4, 20000] x
 *   [20000, 256] product differed from the first). For exactly those products the wrapper asks
 *   for the small-output-size program, which sums in a fixed order.
 */
import { env, getKernel, registerKernel, unregisterKernel, util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';

type Paddings = Array<[number, number]>;

/** The same padding of the same flat data on as few axes as it needs: each unpadded axis merged into the one before it. */
export function mergePaddings(shape: readonly number[], paddings: Paddings): { shape: number[]; paddings: Paddings } {
  const merged: number[] = [];
  const pads: Paddings = [];
  shape.forEach((size, axis) => {
    const [before, after] = paddings[axis];
    const last = merged.length - 1;
    if (before === 0 && after === 0 && last >= 0) {
      merged[last] *= size;
      pads[last] = [pads[last][0] * size, pads[last][1] * size];
    } else {
      merged.push(size);
      pads.push([before, after]);
    }
  });
  return { shape: merged, paddings: pads };
}

interface WebGpuBackendLike {
  disposeData(dataId: object): void;
}

function wrapPad(original: KernelConfig, reshape: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    const paddings = args.attrs?.paddings as Paddings;
    if (x.shape.length <= 4) return original.kernelFunc(args);
    const merged = mergePaddings(x.shape, paddings);
    if (merged.shape.length > 4) throw new Error(`webgpu cannot pad a rank-${x.shape.length} tensor on ${merged.shape.length} axes`);
    const backend = args.backend as WebGpuBackendLike;
    const flat = reshape({ inputs: { x }, backend: args.backend, attrs: { shape: merged.shape } }) as TensorInfo;
    const padded = original.kernelFunc({ ...args, inputs: { x: flat }, attrs: { ...args.attrs, paddings: merged.paddings } }) as TensorInfo;
    const outShape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
    const out = reshape({ inputs: { x: padded }, backend: args.backend, attrs: { shape: outShape } }) as TensorInfo;
    backend.disposeData(flat.dataId);
    backend.disposeData(padded.dataId);
    return out;
  };
  return { ...original, kernelFunc };
}

/** tfjs-backend-webgpu's MatMulProgramType.MatMulSmallOutputSizeProgram. */
const SMALL_OUTPUT_SIZE_PROGRAM = 2;

/** Whether tfjs-backend-webgpu 4.22's batchMatMulImpl would choose its split-K (atomic) program for these operands. */
export function choosesSplitK(aShape: readonly number[], bShape: readonly number[], transposeA: boolean, transposeB: boolean, threshold: number): boolean {
  const [aRank, bRank] = [aShape.length, bShape.length];
  const innerB = transposeB ? bShape[bRank - 1] : bShape[bRank - 2];
  const outerA = transposeA ? aShape[aRank - 1] : aShape[aRank - 2];
  const outerB = transposeB ? bShape[bRank - 2] : bShape[bRank - 1];
  const batch = Math.max(util.sizeFromShape(aShape.slice(0, -2)), util.sizeFromShape(bShape.slice(0, -2)));
  const workgroups = batch * Math.ceil(outerA / 32) * Math.ceil(outerB / 32);
  const few = workgroups <= threshold || (outerA <= 8 && workgroups <= threshold * 2);
  return few && batch * outerA * outerB > 128 && batch === 1 && innerB >= 2000;
}

function wrapMatMul(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const threshold = env().getNumber('WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL') > 0 ? env().getNumber('WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL') : (args.backend as { thresholdToIncreaseWorkgroups: number }).thresholdToIncreaseWorkgroups;
    if (env().getNumber('WEBGPU_MATMUL_PROGRAM_TYPE') >= 0 || !choosesSplitK(a.shape, b.shape, transposeA, transposeB, threshold)) return original.kernelFunc(args);
    env().set('WEBGPU_MATMUL_PROGRAM_TYPE', SMALL_OUTPUT_SIZE_PROGRAM);
    try {
      return original.kernelFunc(args);
    } finally {
      env().set('WEBGPU_MATMUL_PROGRAM_TYPE', -1);
    }
  };
  return { ...original, kernelFunc };
}

let fixed = false;

export function fixWebGpuKernels(): void {
  if (fixed) return;
  const pad = getKernel('PadV2', 'webgpu');
  const reshape = getKernel('Reshape', 'webgpu');
  if (!pad || !reshape) return;
  fixed = true;
  unregisterKernel('PadV2', 'webgpu');
  registerKernel(wrapPad(pad, reshape.kernelFunc));
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    const matmul = getKernel(name, 'webgpu');
    if (!matmul) continue;
    unregisterKernel(name, 'webgpu');
    registerKernel(wrapMatMul(matmul));
  }
}
