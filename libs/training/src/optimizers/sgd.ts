/** torch.optim.SGD: momentum (buffer starts at the first gradient), dampening 0, Nesterov. */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer';
import { Slots, withDecay } from './state';

export function sgd(p: { momentum?: number; nesterov?: boolean; weight_decay?: number }): Optimizer {
  const momentum = p.momentum ?? 0;
  const slots = new Slots();
  let first = true;
  return {
    step(variables, grads, lr) {
      tf.tidy(() => {
        variables.forEach((v, i) => {
          let g = withDecay(grads[i], v, p.weight_decay ?? 0);
          if (momentum > 0) {
            const buffer = slots.get(v, 'momentum');
            buffer.assign(first ? g : tf.add(tf.mul(buffer, momentum), g));
            g = p.nesterov ? tf.add(g, tf.mul(buffer, momentum)) : buffer;
          }
          v.assign(tf.sub(v, tf.mul(g, lr)));
        });
      });
      first = false;
    },
    dispose: () => slots.dispose(),
  };
}
