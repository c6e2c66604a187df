/** torch.optim.RMSprop (alpha = rho) and torch.optim.Adagrad. */
import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_RULES } from '@ablate/backend';
import type { Optimizer, ResolvedOptimizer } from './optimizer';
import { perVariable, withDecay } from './state';

export function rmsprop(p: ResolvedOptimizer<'rmsprop'>): Optimizer {
  const { rho: alpha, epsilon: eps, momentum, weight_decay: decay } = p;
  return perVariable((v, grad, slot, _t, lr) => {
    const g = withDecay(grad, v, decay);
    const square = slot('square');
    square.assign(tf.add(tf.mul(square, alpha), tf.mul(tf.square(g), 1 - alpha)));
    let avg: tf.Tensor = square;
    if (p.centered) {
      const mean = slot('mean');
      mean.assign(tf.add(tf.mul(mean, alpha), tf.mul(g, 1 - alpha)));
      avg = tf.sub(square, tf.square(mean));
    }
    const scaled = tf.div(g, tf.add(tf.sqrt(avg), eps));
    if (momentum > 0) {
      const buffer = slot('momentum');
      buffer.assign(tf.add(tf.mul(buffer, momentum), scaled));
      v.assign(tf.sub(v, tf.mul(buffer, lr)));
    } else {
      v.assign(tf.sub(v, tf.mul(scaled, lr)));
    }
  }, {
    rule: OPTIMIZER_RULES.rmsprop,
    slots: ['square', ...(p.centered ? ['mean'] : []), ...(momentum > 0 ? ['momentum'] : [])],
    hyper: (_t, lr) => [lr, alpha, 1 - alpha, eps, momentum, decay, p.centered ? 1 : 0, momentum > 0 ? 1 : 0, decay !== 0 ? 1 : 0],
  });
}

export function adagrad(p: ResolvedOptimizer<'adagrad'>): Optimizer {
  const { epsilon: eps, weight_decay: decay } = p;
  return perVariable((v, grad, slot, t, lr) => {
    const g = withDecay(grad, v, decay);
    const sum = slot('sum');
    if (t === 1 && p.initial_accumulator) sum.assign(tf.fill(v.shape, p.initial_accumulator));
    sum.assign(tf.add(sum, tf.square(g)));
    v.assign(tf.sub(v, tf.mul(tf.div(g, tf.add(tf.sqrt(sum), eps)), lr)));
  });
}
