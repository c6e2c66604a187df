/** Sum, Max, Min, Mean over one contiguous block of axes (the input as [outer, reduced, inner]). */
import { util } from '@tensorflow/tfjs-core';
import { output, size, values, type NativeKernelSpec } from './kernel-kit';

const OPS: Record<string, number> = { Sum: 0, Max: 1, Min: 2, Mean: 3 };

const reduction = (kernelName: string): NativeKernelSpec => ({
  kernelName,
  run({ inputs, attrs, backend }, native) {
    const x = values(backend, inputs.x);
    const shape = inputs.x.shape;
    if (!x || shape.length === 0) return undefined;
    // Max names its axes reductionIndices; Sum, Min and Mean name them axis.
    const axes = util.parseAxisParam((attrs.axis ?? attrs.reductionIndices) as number | number[], shape).sort((a, b) => a - b);
    if (axes.some((a, i) => i > 0 && a !== axes[i - 1] + 1)) return undefined;
    const [first, last] = [axes[0], axes[axes.length - 1]];
    const outer = size(shape.slice(0, first));
    const reduced = size(shape.slice(first, last + 1));
    const inner = size(shape.slice(last + 1));
    if (reduced === 0) return undefined;
    const outShape = attrs.keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
    return output(backend, outShape, (o) => native.reduce(OPS[kernelName], x, o, outer, reduced, inner));
  },
});

export const REDUCE_KERNELS: NativeKernelSpec[] = Object.keys(OPS).map(reduction);
