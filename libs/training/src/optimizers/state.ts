/**
 * Per-variable optimizer state (momentum buffers, moments), created lazily as zeros. A slot is
 * keyed by the variable's position in the list the optimizer steps and the slot's name
 * (`3/m`), not by the variable's name, which tfjs numbers per process: a checkpoint written by
 * one process is loaded by another.
 */
import * as tf from '@tensorflow/tfjs-core';
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
 * An optimizer whose rule updates each variable on its own: `update` gets the variable, its
 * gradient, a lazily created state slot by name, the step number (1 at the first step) and the
 * learning rate, inside one tf.tidy per step. The slots are disposed with the optimizer.
 */
export function perVariable(update: (v: tf.Variable, g: tf.Tensor, slot: (name: string) => tf.Variable, t: number, lr: number) => void): Optimizer {
  const slots = new Slots();
  let t = 0;
  return {
    step(variables, grads, lr) {
      t++;
      tf.tidy(() => variables.forEach((v, i) => update(v, grads[i], (name) => slots.get(v, i, name), t, lr)));
    },
    state: () => ({ step: t, slots: slots.entries() }),
    load(state: OptimizerState) {
      t = state.step;
      slots.load(state.slots);
    },
    dispose: () => slots.dispose(),
  };
}
