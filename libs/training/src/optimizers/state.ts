/**
 * Per-variable optimizer state (momentum buffers, moments), created lazily as zeros. A slot is
 * keyed by the variable's position in the list the optimizer steps and the slot's name
 * (`3/m`), not by the variable's name, which tfjs numbers per process: a checkpoint written by
 * one process is loaded by another.
 */
import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_STEP } from '@ablate/backend';
import type { Optimizer, OptimizerState } from './optimizer';

/** tfjs wants every variable's name unique in the process. */
let created = 0;

class Slots {
  private readonly slots = new Map<string, tf.Variable>();

  get(variable: tf.Variable, index: number, name: string): tf.Variable {
    const key = `${index}/${name}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = this.create(key, variable.name, tf.zerosLike(variable));
      this.slots.set(key, slot);
    }
    return slot;
  }

  entries(): Record<string, tf.Tensor> {
    return Object.fromEntries(this.slots);
  }

  /** Replaces every slot with a copy of the given values. */
  load(values: Readonly<Record<string, tf.Tensor>>): void {
    this.dispose();
    for (const [key, value] of Object.entries(values)) this.slots.set(key, this.create(key, 'restored', tf.clone(value)));
  }

  private create(key: string, base: string, initial: tf.Tensor): tf.Variable {
    return tf.variable(initial, false, `${base}/${key}`.replace(/[^A-Za-z0-9_./-]/g, '_') + `_${created++}`);
  }

  dispose(): void {
    for (const slot of this.slots.values()) slot.dispose();
    this.slots.clear();
  }
}

/** Gradient plus coupled weight decay (L2 in the gradient, as PyTorch's weight_decay). */
export function withDecay(grad: tf.Tensor, variable: tf.Variable, decay: number): tf.Tensor {
  return decay === 0 ? grad : tf.add(grad, tf.mul(variable, decay));
}

/**
 * The same rule as one native call over every variable (libs/backend's AblateOptimizerStep),
 * used where the active backend has that kernel: `rule` its code, `slots` the slot names in the
 * order `update` creates them, `hyper` its constants at step t (numbers as `update` computes
 * them: the kernel rounds each to float32 as tfjs does an operand).
 */
export interface FusedRule {
  rule: number;
  slots: readonly string[];
  hyper: (t: number, lr: number) => number[];
}

let fusedAllowed = true;

/** Whether optimizers may use the fused native step (tests turn it off to compare); returns the previous setting. */
export function allowFusedOptimizer(on: boolean): boolean {
  const previous = fusedAllowed;
  fusedAllowed = on;
  return previous;
}

/**
 * An optimizer whose rule updates each variable on its own: `update` gets the variable, its
 * gradient, a lazily created state slot by name, the step number (1 at the first step) and the
 * learning rate, inside one tf.tidy per step. The slots are disposed with the optimizer. With
 * `fused`, the step is one native call where the backend has it (bitwise the same weights and
 * slots as `update`'s tfjs operations).
 */
export function perVariable(update: (v: tf.Variable, g: tf.Tensor, slot: (name: string) => tf.Variable, t: number, lr: number) => void, fused?: FusedRule): Optimizer {
  const slots = new Slots();
  let t = 0;
  const fusedStep = (variables: readonly tf.Variable[], grads: readonly tf.Tensor[], rule: FusedRule, lr: number) => {
    const inputs: tf.NamedTensorMap = {};
    variables.forEach((v, i) => {
      inputs[`v${i}`] = v;
      inputs[`g${i}`] = grads[i];
      rule.slots.forEach((name, j) => (inputs[`s${i}_${j}`] = slots.get(v, i, name)));
    });
    const out = tf.engine().runKernel(OPTIMIZER_STEP, inputs, { rule: rule.rule, hyper: rule.hyper(t, lr), count: variables.length, slots: rule.slots.length }) as tf.Tensor[];
    const width = rule.slots.length + 1;
    variables.forEach((v, i) => {
      v.assign(out[i * width]);
      rule.slots.forEach((name, j) => slots.get(v, i, name).assign(out[i * width + 1 + j]));
    });
  };
  const canFuse = (variables: readonly tf.Variable[], grads: readonly tf.Tensor[]) =>
    fused !== undefined && fusedAllowed && tf.getKernel(OPTIMIZER_STEP, tf.getBackend()) !== undefined && variables.every((v, i) => v.dtype === 'float32' && grads[i].dtype === 'float32' && grads[i].size === v.size);
  return {
    step(variables, grads, lr) {
      t++;
      if (canFuse(variables, grads)) tf.tidy(() => fusedStep(variables, grads, fused as FusedRule, lr));
      else tf.tidy(() => variables.forEach((v, i) => update(v, grads[i], (name) => slots.get(v, i, name), t, lr)));
    },
    state: () => ({ step: t, slots: slots.entries() }),
    load(state: OptimizerState) {
      t = state.step;
      slots.load(state.slots);
    },
    dispose: () => slots.dispose(),
  };
}
