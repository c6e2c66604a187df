/** Batched matrix products (BatchMatMul) and dense layers (_FusedMatMul: + bias + activation), on oneDNN's sgemm. */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeBinding } from './binding';
import { fusedEpilogue, output, size, values, type KernelArgs, type NativeKernelSpec } from './kernel-kit';

function matmul(args: KernelArgs, native: NativeBinding, fused: boolean): TensorInfo | undefined {
  const { inputs, attrs, backend } = args;
  const a = values(backend, inputs.a);
  const b = values(backend, inputs.b);
  if (!a || !b || inputs.a.shape.length < 2 || inputs.b.shape.length < 2) return undefined;
  const ta = attrs.transposeA as boolean;
  const tb = attrs.transposeB as boolean;
  const as = inputs.a.shape;
  const bs = inputs.b.shape;
  const m = ta ? as[as.length - 1] : as[as.length - 2];
  const k = ta ? as[as.length - 2] : as[as.length - 1];
  const n = tb ? bs[bs.length - 2] : bs[bs.length - 1];
  if ((tb ? bs[bs.length - 1] : bs[bs.length - 2]) !== k) return undefined;
  const batchA = size(as.slice(0, -2));
  const batchB = size(bs.slice(0, -2));
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return undefined;
  const batchShape = batchA >= batchB ? as.slice(0, -2) : bs.slice(0, -2);
  const epilogue = fused ? fusedEpilogue(args, n) : { bias: null, activation: 0 };
  if (!epilogue) return undefined;
  const { bias, activation } = epilogue;
  return output(backend, [...batchShape, m, n], (out) => native.matmul(a, b, out, bias, batchA, batchB, m, n, k, ta, tb, activation, (attrs.leakyreluAlpha as number) ?? 0.2), true);
}

export const MATMUL_KERNELS: NativeKernelSpec[] = [
  { kernelName: 'BatchMatMul', run: (a, n) => matmul(a, n, false) },
  { kernelName: '_FusedMatMul', run: (a, n) => matmul(a, n, true) },
];
