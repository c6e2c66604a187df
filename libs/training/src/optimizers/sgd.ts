/** torch.optim.SGD: momentum (buffer starts at the first gradient), dampening 0, Nesterov. */
import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_RULES } from '@ablate/backend';
import type { Optimizer, ResolvedOptimizer } from './optimizer';
import { perVariable, withDecay } from './state';

export function sgd(p: ResolvedOptimizer<'sgd'>): Optimizer {
  const { momentum, weight_decay: decay } = p;
  return perVariable((v, grad, slot, t, lr) => {
    let g = withDecay(grad, v, decay);
    if (momentum > 0) {
      const buffer = slot('momentum');
      buffer.assign(t === 1 ? g : tf.add(tf.mul(buffer, momentum), g));
      g = p.nesterov ? tf.add(g, tf.mul(buffer, momentum)) : buffer;
    }
    v.assign(tf.sub(v, tf.mul(g, lr)));
  }, {
    rule: OPTIMIZER_RULES.sgd,
    slots: momentum > 0 ? ['momentum'] : [],
    hyper: (t, lr) => [lr, momentum, decay, t === 1 ? 1 : 0, p.nesterov ? 1 : 0, decay !== 0 ? 1 : 0],
  });
}
