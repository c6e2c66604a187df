/** Slice, PadV2, Transpose and Concat as row copies. */
import { slice_util, util } from '@tensorflow/tfjs-core';
import { output, size, values, type NativeKernelSpec } from './kernel-kit';

export const LAYOUT_KERNELS: NativeKernelSpec[] = [
  {
    kernelName: 'Slice',
    run({ inputs, attrs, backend }, native) {
      const x = values(backend, inputs.x);
      if (!x || inputs.x.shape.length === 0) return undefined;
      const [begin, sz] = slice_util.parseSliceParams(inputs.x as never, attrs.begin as number[], attrs.size as number[]);
      if (size(sz) === 0) return undefined;
      return output(backend, sz, (o) => native.slice(x, o, inputs.x.shape, begin, sz));
    },
  },
  {
    kernelName: 'PadV2',
    run({ inputs, attrs, backend }, native) {
      const x = values(backend, inputs.x);
      if (!x || inputs.x.shape.length === 0 || size(inputs.x.shape) === 0) return undefined;
      const paddings = attrs.paddings as Array<[number, number]>;
      const outShape = inputs.x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
      return output(backend, outShape, (o) => native.pad(x, o, inputs.x.shape, paddings.map((p) => p[0]), outShape, (attrs.constantValue as number) ?? 0));
    },
  },
  {
    kernelName: 'Transpose',
    run({ inputs, attrs, backend }, native) {
      const x = values(backend, inputs.x);
      const perm = attrs.perm as number[];
      if (!x || inputs.x.shape.length < 2) return undefined;
      return output(
        backend,
        perm.map((p) => inputs.x.shape[p]),
        (o) => native.transpose(x, o, inputs.x.shape, perm),
      );
    },
  },
  {
    kernelName: 'Concat',
    run({ inputs, attrs, backend }, native) {
      const list = Object.values(inputs).filter((t) => size(t.shape) > 0);
      if (list.length === 0) return undefined;
      const arrays = list.map((t) => values(backend, t));
      if (arrays.some((a) => !a)) return undefined;
      const axis = util.parseAxisParam(attrs.axis as number, list[0].shape)[0];
      const outer = size(list[0].shape.slice(0, axis));
      if (list.some((t) => size(t.shape.slice(0, axis)) !== outer || t.shape.length !== list[0].shape.length)) return undefined;
      const widths = list.map((t) => size(t.shape.slice(axis)));
      const shape = [...list[0].shape];
      shape[axis] = list.reduce((a, t) => a + t.shape[axis], 0);
      return output(backend, shape, (o) => native.concat(arrays as Float32Array[], widths, o, outer));
    },
  },
];
