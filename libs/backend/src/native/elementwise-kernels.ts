/** Element-wise kernels: binary with broadcasting, unary, and AddN (gradient accumulation). */
import { backend_util } from '@tensorflow/tfjs-core';
import { output, values, type NativeKernelSpec } from './kernel-kit';

// Codes of native/src/elementwise.cc.
const BINARY: Record<string, number> = { Add: 0, Sub: 1, Multiply: 2, RealDiv: 3, Maximum: 4, Minimum: 5, SquaredDifference: 6 };
const UNARY: Record<string, number> = { Relu: 0, Relu6: 1, Step: 2, Neg: 3, Abs: 4, Exp: 5, Log: 6, Sqrt: 7, Rsqrt: 8, Square: 9, Sigmoid: 10, Tanh: 11, Elu: 12, LeakyRelu: 13, Reciprocal: 14 };

const binary = (kernelName: string): NativeKernelSpec => ({
  kernelName,
  run({ inputs, backend }, native) {
    const a = values(backend, inputs.a);
    const b = values(backend, inputs.b);
    if (!a || !b || inputs.a.shape.length > 6 || inputs.b.shape.length > 6) return undefined;
    const shape = backend_util.assertAndGetBroadcastShape(inputs.a.shape, inputs.b.shape);
    if (shape.length === 0) return output(backend, shape, (o) => native.binary(BINARY[kernelName], a, b, o, [1], [1], [1]), true);
    return output(backend, shape, (o) => native.binary(BINARY[kernelName], a, b, o, inputs.a.shape.length ? inputs.a.shape : [1], inputs.b.shape.length ? inputs.b.shape : [1], shape), true);
  },
});

const unary = (kernelName: string): NativeKernelSpec => ({
  kernelName,
  run({ inputs, attrs, backend }, native) {
    const x = values(backend, inputs.x);
    if (!x) return undefined;
    const alpha = (attrs?.alpha as number | undefined) ?? 0;
    return output(backend, inputs.x.shape, (o) => native.unary(UNARY[kernelName], x, o, alpha), true);
  },
});

export const ELEMENTWISE_KERNELS: NativeKernelSpec[] = [
  ...Object.keys(BINARY).map(binary),
  ...Object.keys(UNARY).map(unary),
  {
    kernelName: 'AddN',
    run({ inputs, backend }, native) {
      const list = Object.values(inputs);
      const arrays = list.map((t) => values(backend, t));
      if (arrays.some((a) => !a) || list.some((t) => t.shape.join() !== list[0].shape.join())) return undefined;
      return output(backend, list[0].shape, (o) => native.addN(arrays as Float32Array[], o), true);
    },
  },
];
