/**
 * Gradients of ops whose tfjs gradient is a chain of full-size kernels. ReLU6's gradient in tfjs
 * goes through boolean comparisons and casts (slow in JavaScript, not covered natively), ReLU's
 * through step() and a product; here each is one kernel (AblateRelu6Grad, AblateReluGrad): a
 * JavaScript loop, replaced by a native one with the other kernels. The kernels exist for the
 * cpu-based backends only: on any other backend (webgpu) the replaced gradient runs tfjs's own
 * composition, which computes the same mask; the originals are put back when libtensorflow is
 * chosen.
 */
import { engine, getBackend, getGradient, getKernel, registerGradient, registerKernel, type GradConfig, type KernelFunc, type Tensor } from '@tensorflow/tfjs-core';
import { output, values, type CpuBackend, type NativeKernelSpec } from './kernel-kit';

interface MaskedGradient {
  /** The op whose gradient is replaced. */
  op: string;
  /** The kernel computing dy where the mask holds, 0 elsewhere. */
  kernel: string;
  /** Where the gradient passes, as tfjs defines it. */
  passes: (x: number) => boolean;
  /** Binary op code of native/src/elementwise.cc. */
  nativeCode: number;
}

const MASKED: readonly MaskedGradient[] = [
  { op: 'Relu6', kernel: 'AblateRelu6Grad', passes: (x) => x > 0 && x <= 6, nativeCode: 7 },
  { op: 'Relu', kernel: 'AblateReluGrad', passes: (x) => x > 0, nativeCode: 8 },
];

function javascriptKernel(m: MaskedGradient): KernelFunc {
  return ({ inputs, backend }) => {
    const cpu = backend as unknown as CpuBackend;
    const { dy: dyInfo, x: xInfo } = inputs as Record<'dy' | 'x', Parameters<typeof values>[1]>;
    const dy = cpu.data.get(dyInfo.dataId).values as Float32Array;
    const x = cpu.data.get(xInfo.dataId).values as Float32Array;
    return output(cpu, xInfo.shape, (out) => {
      for (let i = 0; i < out.length; i++) out[i] = m.passes(x[i]) ? dy[i] : 0;
    });
  };
}

export const GRADIENT_KERNELS: NativeKernelSpec[] = MASKED.map((m) => ({
  kernelName: m.kernel,
  run({ inputs, backend }, native) {
    const dy = values(backend, inputs.dy);
    const x = values(backend, inputs.x);
    if (!dy || !x) return undefined;
    return output(backend, inputs.x.shape, (o) => native.binary(m.nativeCode, dy, x, o, inputs.dy.shape, inputs.x.shape, inputs.x.shape));
  },
}));

const originals = new Map<string, GradConfig>();

export function installGradients(): void {
  if (originals.size > 0) return;
  for (const m of MASKED) {
    const original = getGradient(m.op);
    originals.set(m.op, original);
    registerKernel({ kernelName: m.kernel, backendName: 'cpu', kernelFunc: javascriptKernel(m) });
    registerGradient({
      kernelName: m.op,
      inputsToSave: ['x'],
      gradFunc: (dy, saved, attrs) =>
        getKernel(m.kernel, getBackend()) ? { x: () => engine().runKernel(m.kernel, { dy: dy as Tensor, x: saved[0] }) as Tensor } : original.gradFunc(dy, saved, attrs),
    });
  }
}

export function restoreGradients(): void {
  for (const original of originals.values()) registerGradient(original);
  originals.clear();
}

