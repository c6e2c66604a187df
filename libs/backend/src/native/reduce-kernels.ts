/**
 * Sum, Max, Min, Mean over any axes. The native code reduces one contiguous block of axes (the
 * input as [outer, reduced, inner]); axes of size 1 are dropped first (reducing them is a no-op,
 * and they often split a block: a gradient reducing [0, 1, 3] of [4, 2, 1, 2]), and axes that
 * still are not contiguous are moved last by a native transpose, as tfjs's JavaScript kernels
 * do. A scalar, or no axis, reduces nothing (a copy). Only an empty input goes to JavaScript.
 */
import { util } from '@tensorflow/tfjs-core';
import { output, size, values, type NativeKernelSpec } from './kernel-kit';

const OPS: Record<string, number> = { Sum: 0, Max: 1, Min: 2, Mean: 3 };

const reduction = (kernelName: string): NativeKernelSpec => ({
  kernelName,
  run({ inputs, attrs, backend }, native) {
    let x = values(backend, inputs.x);
    const shape = inputs.x.shape;
    if (!x || size(shape) === 0) return undefined;
    // Max names its axes reductionIndices; Sum, Min and Mean name them axis.
    const axes = util.parseAxisParam((attrs.axis ?? attrs.reductionIndices) as number | number[], shape).sort((a, b) => a - b);
    const outShape = attrs.keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
    // The axes that matter: size above 1.
    const kept = shape.map((_, i) => i).filter((i) => shape[i] > 1 && !axes.includes(i));
    const reducedAxes = axes.filter((i) => shape[i] > 1);
    const squeezed = shape.map((_, i) => i).filter((i) => shape[i] > 1);
    const positions = reducedAxes.map((a) => squeezed.indexOf(a));
    const contiguous = positions.every((p, i) => i === 0 || p === positions[i - 1] + 1);
    let outer: number, reduced: number, inner: number;
    if (contiguous) {
      const dims = squeezed.map((i) => shape[i]);
      const [first, last] = positions.length ? [positions[0], positions[positions.length - 1]] : [dims.length, dims.length - 1];
      outer = size(dims.slice(0, first));
      reduced = size(dims.slice(first, last + 1));
      inner = size(dims.slice(last + 1));
    } else {
      const ones = shape.map((_, i) => i).filter((i) => shape[i] === 1);
      const moved = new Float32Array(x.length);
      native.transpose(x, moved, shape, [...kept, ...reducedAxes, ...ones]);
      x = moved;
      outer = size(kept.map((i) => shape[i]));
      reduced = size(reducedAxes.map((i) => shape[i]));
      inner = 1;
    }
    const input = x;
    return output(backend, outShape, (o) => native.reduce(OPS[kernelName], input, o, outer, reduced, inner), true);
  },
});

export const REDUCE_KERNELS: NativeKernelSpec[] = Object.keys(OPS).map(reduction);
