/** Per-variable optimizer state (momentum buffers, moments), created lazily as zeros. */
import * as tf from '@tensorflow/tfjs-core';

export class Slots {
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
