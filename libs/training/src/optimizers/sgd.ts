/** torch.optim.SGD: momentum (buffer starts at the first gradient), dampening 0, Nesterov. */
import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_RULES } from '@ablate/backend';
import type { Optimizer } from './optimizer';
import { perVariable, withDecay } from './state';

export function sgd(p: { momentum?: number; nesterov?: boolean; weight_decay?: number }): Optimizer {
  const momentum = p.momentum ?? 0;
  return perVariable((v, grad, slot, t, lr) => {
    let g = withDecay(grad, v, p.weight_decay ?? 0);
    if (momentum > 0) {
      const buffer = slot('momentum');
      buffer.assign(t === 1 ? g : tf.add(tf.mul(buffer, momentum), g));
      g = p.nesterov ? tf.add(g, tf.mul(buffer, momentum)) : buffer;
    }
    v.assign(tf.sub(v, tf.mul(g, lr)));
  }, {
    rule: OPTIMIZER_RULES.sgd,
    slots: momentum > 0 ? ['momentum'] : [],
    hyper: (t, lr) => [lr, momentum, p.weight_decay ?? 0, t === 1 ? 1 : 0, p.nesterov ? 1 : 0, (p.weight_decay ?? 0) !== 0 ? 1 : 0],
  });
}
