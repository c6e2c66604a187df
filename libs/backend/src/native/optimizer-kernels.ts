/**
 * AblateOptimizerStep: one optimizer step of every variable in one native call, instead
 * of 10-15 tfjs kernels per variable, each with its own output array and scalar tensors (the
 * Fashion-MNIST CNN's Adam step ran 130 kernels for its 10 variables). libs/training's optimizers
 * use it when the active backend has it (the cpu backend with the native kernels) and their tfjs
 * operations otherwise; the native rules repeat those operations in float32, in the same order,
 * so the weights are bitwise the same either way (tested in libs/training).
 *
 * Inputs `v<i>`, `g<i>` and `s<i>_<j>` (variable i, its gradient, its slots in their order);
 * attrs: `rule` (RULES), `hyper` (the rule's constants as JavaScript numbers), `count` (variables)
 * and `slots` (slots per variable). Outputs, per variable: its new value, then its new slots.
 * There is no JavaScript kernel: without the native code the optimizers use tfjs's operations.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { output, values, type NativeKernelSpec } from './kernel-kit';

export const OPTIMIZER_STEP = 'AblateOptimizerStep';

/** Rule codes of native/src/optimizer.cc. */
export const RULES = { adam: 0, adamw: 1, sgd: 2, rmsprop: 3 } as const;

export const OPTIMIZER_KERNELS: NativeKernelSpec[] = [
  {
    kernelName: OPTIMIZER_STEP,
    run({ inputs, attrs, backend }, native) {
      const count = attrs.count as number;
      const slots = attrs.slots as number;
      const ins: Float32Array[][] = [];
      const infos: TensorInfo[] = [];
      const outs: Float32Array[][] = [];
      for (let i = 0; i < count; i++) {
        const named = [inputs[`v${i}`], inputs[`g${i}`], ...Array.from({ length: slots }, (_, j) => inputs[`s${i}_${j}`])];
        if (named.some((t) => !t || t.shape.join() !== named[0].shape.join())) throw new Error(`${OPTIMIZER_STEP}: variable ${i} lacks an input or has inputs of different shapes`);
        const arrays = named.map((t) => values(backend, t));
        if (arrays.some((a) => !a)) return undefined;
        ins.push(arrays as Float32Array[]);
        const row: Float32Array[] = [];
        for (let j = 0; j <= slots; j++) {
          const info = output(backend, named[0].shape, (o) => row.push(o), true);
          infos.push(info);
        }
        outs.push(row);
      }
      native.optimizerStep(attrs.rule as number, attrs.hyper as number[], ins, outs);
      return infos;
    },
  },
];
