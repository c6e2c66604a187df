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
  /** The kernel computing dy * mask(x). */
  kernel: string;
  /**
   * tfjs's mask: 1 where the gradient passes, 0 where it does not, NaN where x is NaN (tfjs's
   * step(NaN) is NaN). dy * mask, not a select, so that NaN and infinite values of dy and x give
   * what tfjs's own gradient gives (0 * Infinity is NaN): a diverging step stays visible.
   */
  mask: (x: number) => number;
  /** Binary op code of native/src/elementwise.cc. */
  nativeCode: number;
  /**
   * Whether the mask is taken from the op's output rather than its input. ReLU's can be: relu(x)
   * > 0 exactly where x > 0, and relu keeps NaN, so step(relu(x)) is step(x) for every x. Saving
   * the output frees the input for the forward pass's whole duration (a convolution's or a batch
   * norm's output, which nothing else saves), while the output is saved anyway by the next layer.
   * ReLU6's cannot: relu6(x) is 6 both where x = 6 (mask 1 in tfjs) and where x > 6 (mask 0).
   */
  fromOutput: boolean;
}

/** tfjs's step(x) with alpha 0. */
const step = (x: number) => (x > 0 ? 1 : Number.isNaN(x) ? NaN : 0);

const MASKED: readonly MaskedGradient[] = [
  // tfjs: dy * cast(lessEqual(x, 6) * step(x))
  { op: 'Relu6', kernel: 'AblateRelu6Grad', mask: (x) => (x > 6 ? 0 : step(x)), nativeCode: 7, fromOutput: false },
  // tfjs: dy * cast(step(x))
  { op: 'Relu', kernel: 'AblateReluGrad', mask: step, nativeCode: 8, fromOutput: true },
];

function javascriptKernel(m: MaskedGradient): KernelFunc {
  return ({ inputs, backend }) => {
    const cpu = backend as unknown as CpuBackend;
    const { dy: dyInfo, x: xInfo } = inputs as Record<'dy' | 'x', Parameters<typeof values>[1]>;
    const dy = cpu.data.get(dyInfo.dataId).values as Float32Array;
    const x = cpu.data.get(xInfo.dataId).values as Float32Array;
    return output(cpu, xInfo.shape, (out) => {
      for (let i = 0; i < out.length; i++) out[i] = dy[i] * m.mask(x[i]);
    });
  };
}

export const GRADIENT_KERNELS: NativeKernelSpec[] = MASKED.map((m) => ({
  kernelName: m.kernel,
  run({ inputs, backend }, native) {
    const dy = values(backend, inputs.dy);
    const x = values(backend, inputs.x);
    if (!dy || !x) return undefined;
    return output(backend, inputs.x.shape, (o) => native.binary(m.nativeCode, dy, x, o, inputs.dy.shape, inputs.x.shape, inputs.x.shape), true);
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
      ...(m.fromOutput ? { outputsToSave: [true] } : { inputsToSave: ['x'] }),
      gradFunc: (dy, saved, attrs) =>
        getKernel(m.kernel, getBackend()) ? { x: () => engine().runKernel(m.kernel, { dy: dy as Tensor, x: saved[0] }) as Tensor } : original.gradFunc(dy, saved, attrs),
    });
  }
}

/** tfjs's own gradient of `op` (Relu, Relu6) that installGradients replaced, for the tests. */
export function replacedGradient(op: string): GradConfig | undefined {
  return originals.get(op);
}

export function restoreGradients(): void {
  for (const original of originals.values()) registerGradient(original);
  originals.clear();
}

