/**
 * UnsortedSegmentSum on the cpu-based backends (pure JavaScript and native) in one pass. It is
 * the gradient of every embedding lookup (GatherV2's gradient sums the rows of dy by token id),
 * with one segment per vocabulary entry. tfjs-backend-cpu builds it from an equal, a cast, a
 * multiply and a sum over all rows for each segment: O(segments x rows x width) and four tensors
 * per segment, so one training step of the sentence CNN with 5,002 ids (batch 50 x 80 tokens)
 * took 244 s. Here each row is added to its segment's row, in row order (the same sums on every
 * run), in float64 and rounded once: O(rows x width). Ids outside [0, numSegments) are dropped,
 * as in tfjs. Other dtypes than float32 run tfjs's kernel.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { output, size, values, type CpuBackend } from './kernel-kit';

const NAME = 'UnsortedSegmentSum';
let original: KernelConfig | undefined;

function linear(fallback: KernelConfig): KernelFunc {
  return (args) => {
    const { inputs, attrs } = args;
    const backend = args.backend as unknown as CpuBackend;
    const { x, segmentIds } = inputs as Record<'x' | 'segmentIds', TensorInfo>;
    const xs = values(backend, x);
    const ids = backend.data.get(segmentIds.dataId).values;
    if (!xs || !(ids instanceof Int32Array) || segmentIds.shape.length !== 1) return fallback.kernelFunc(args);
    const segments = (attrs as { numSegments: number }).numSegments;
    const width = size(x.shape.slice(1));
    const sums = new Float64Array(segments * width);
    for (let r = 0; r < ids.length; r++) {
      const s = ids[r];
      if (s < 0 || s >= segments) continue;
      for (let j = 0, o = s * width, i = r * width; j < width; j++) sums[o + j] += xs[i + j];
    }
    return output(backend, [segments, ...x.shape.slice(1)], (out) => out.set(sums));
  };
}

/** Replaces tfjs-backend-cpu's kernel (once; the cpu backend must be registered). */
export function registerSegmentSum(): void {
  if (original) return;
  original = getKernel(NAME, 'cpu');
  if (!original) return;
  unregisterKernel(NAME, 'cpu');
  registerKernel({ kernelName: NAME, backendName: 'cpu', kernelFunc: linear(original) });
}

/** tfjs's own kernel, which registerSegmentSum replaced (for the tests). */
export function replacedSegmentSum(): KernelConfig | undefined {
  return original;
}
