/** torch.optim.RMSprop (alpha = rho) and torch.optim.Adagrad. */
import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_RULES } from '@ablate/backend';
import type { Optimizer } from './optimizer';
import { perVariable, withDecay } from './state';

export function rmsprop(p: { rho?: number; momentum?: number; epsilon?: number; centered?: boolean; weight_decay?: number }): Optimizer {
  const alpha = p.rho ?? 0.99;
  const eps = p.epsilon ?? 1e-8;
  const momentum = p.momentum ?? 0;
  return perVariable((v, grad, slot, _t, lr) => {
    const g = withDecay(grad, v, p.weight_decay ?? 0);
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
    hyper: (_t, lr) => [lr, alpha, 1 - alpha, eps, momentum, p.weight_decay ?? 0, p.centered ? 1 : 0, momentum > 0 ? 1 : 0, (p.weight_decay ?? 0) !== 0 ? 1 : 0],
  });
}

export function adagrad(p: { initial_accumulator?: number; epsilon?: number; weight_decay?: number }): Optimizer {
  const eps = p.epsilon ?? 1e-10;
  return perVariable((v, grad, slot, t, lr) => {
    const g = withDecay(grad, v, p.weight_decay ?? 0);
    const sum = slot('sum');
    if (t === 1 && p.initial_accumulator) sum.assign(tf.fill(v.shape, p.initial_accumulator));
    sum.assign(tf.add(sum, tf.square(g)));
    v.assign(tf.sub(v, tf.mul(tf.div(g, tf.add(tf.sqrt(sum), eps)), lr)));
  });
}
