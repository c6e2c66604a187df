/** Per-variable optimizer state (momentum buffers, moments), created lazily as zeros. */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer';

class Slots {
  private readonly slots = new Map<string, tf.Variable>();

  get(variable: tf.Variable, name: string): tf.Variable {
    const key = `${variable.name}/${name}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = tf.variable(tf.zerosLike(variable), false, `${variable.name}/${name}`.replace(/[^A-Za-z0-9_./-]/g, '_') + `_${this.slots.size}`);
      this.slots.set(key, slot);
    }
    return slot;
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
      tf.tidy(() => variables.forEach((v, i) => update(v, grads[i], (name) => slots.get(v, name), t, lr)));
    },
    dispose: () => slots.dispose(),
  };
}
