/**
 * Kernels of tfjs-backend-webgpu 4.22 that fail on inputs ablate's networks produce, wrapped
 * so that they do not (each kept to what the bug needs, the original kernel does the work):
 * - PadV2 generates WGSL only up to rank 4 (rank 5 indexes a `vec5` struct and does not compile),
 *   and 3-D convolutions pad [N, D, H, W, C] tensors. Axes without padding are merged into the
 *   axis before them (padding an outer axis by p rows pads the merged one by p * inner elements),
 *   which brings every padding of a channels-last 3-D tensor down to rank 4.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';

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

let fixed = false;

export function fixWebGpuKernels(): void {
  if (fixed) return;
  const pad = getKernel('PadV2', 'webgpu');
  const reshape = getKernel('Reshape', 'webgpu');
  if (!pad || !reshape) return;
  fixed = true;
  unregisterKernel('PadV2', 'webgpu');
  registerKernel(wrapPad(pad, reshape.kernelFunc));
}
