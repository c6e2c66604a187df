/** torch.optim.Adam (coupled L2) and AdamW (decoupled decay: w <- w - lr * wd * w, then Adam). */
import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_RULES } from '@ablate/backend';
import type { Optimizer, ResolvedOptimizer } from './optimizer';
import { perVariable, withDecay } from './state';

export function adam(p: ResolvedOptimizer<'adam' | 'adamw'>, decoupled: boolean): Optimizer {
  const { beta1: b1, beta2: b2, epsilon: eps, weight_decay: decay } = p;
  return perVariable((v, grad, slot, t, lr) => {
    const c1 = 1 - b1 ** t;
    const c2 = Math.sqrt(1 - b2 ** t);
    const g = decoupled ? grad : withDecay(grad, v, decay);
    const m = slot('m');
    const s = slot('v');
    m.assign(tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)));
    s.assign(tf.add(tf.mul(s, b2), tf.mul(tf.square(g), 1 - b2)));
    // PyTorch: denom = sqrt(v) / sqrt(1 - b2^t) + eps; w -= lr / (1 - b1^t) * m / denom
    const update = tf.div(m, tf.add(tf.div(tf.sqrt(s), c2), eps));
    const base = decoupled && decay > 0 ? tf.mul(v, 1 - lr * decay) : v;
    v.assign(tf.sub(base, tf.mul(update, lr / c1)));
  }, {
    rule: decoupled ? OPTIMIZER_RULES.adamw : OPTIMIZER_RULES.adam,
    slots: ['m', 'v'],
    hyper: (t, lr) => [b1, 1 - b1, b2, 1 - b2, Math.sqrt(1 - b2 ** t), eps, lr / (1 - b1 ** t), decoupled ? 1 - lr * decay : decay, (decoupled ? decay > 0 : decay !== 0) ? 1 : 0],
  });
}
