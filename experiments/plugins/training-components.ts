/**
 * An example plug-in of a training rule (docs/plugins.md): the Lion optimizer (Chen et al., 2023,
 * "Symbolic Discovery of Optimization Algorithms", Algorithm 2, with its decoupled weight decay)
 * and the one-cycle learning-rate schedule (Smith & Topin, 2019, as PyTorch's OneCycleLR with
 * cosine annealing): up from base / div_factor to the base rate over pct_start of the epochs, then
 * down to base / (div_factor * final_div_factor).
 */
import { defineOptimizer, definePlugin, defineSchedule, param, tf, withDefault } from '@ablate/plugins';

const lion = defineOptimizer({
  description: 'Lion: the sign of an interpolation of momentum and gradient; momentum tracks the gradient with beta2. Decoupled weight decay.',
  params: {
    lr: withDefault(param.num({ exclusiveMinimum: 0, description: 'Learning rate (Lion wants 3-10x less than Adam).' }), 1e-4),
    beta1: withDefault(param.num({ minimum: 0, exclusiveMaximum: 1 }), 0.9),
    beta2: withDefault(param.num({ minimum: 0, exclusiveMaximum: 1 }), 0.99),
  },
  slots: ['momentum'],
  update({ beta1, beta2, weight_decay }, { weight, grad, slot, lr }) {
    const m = slot('momentum');
    const direction = tf.sign(tf.add(tf.mul(m, beta1), tf.mul(grad, 1 - beta1)));
    weight.assign(tf.sub(tf.mul(weight, 1 - lr * weight_decay), tf.mul(direction, lr)));
    m.assign(tf.add(tf.mul(m, beta2), tf.mul(grad, 1 - beta2)));
  },
});

const oneCycle = defineSchedule({
  description: 'One cycle: cosine up from lr / div_factor to lr over pct_start of the epochs, then cosine down to lr / (div_factor * final_div_factor).',
  params: {
    pct_start: withDefault(param.num({ exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'The part of the epochs spent going up.' }), 0.3),
    div_factor: withDefault(param.num({ minimum: 1 }), 25),
    final_div_factor: withDefault(param.num({ minimum: 1 }), 1e4),
  },
  rate({ pct_start, div_factor, final_div_factor }, { base, epochs }) {
    const start = base / div_factor;
    const end = start / final_div_factor;
    const cosine = (from: number, to: number, t: number) => to + ((from - to) * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, t))))) / 2;
    return (epoch) => {
      const peak = pct_start * epochs;
      return epoch < peak ? cosine(start, base, epoch / peak) : cosine(base, end, (epoch - peak) / (epochs - peak));
    };
  },
});

export default definePlugin({ optimizers: { lion }, schedules: { one_cycle: oneCycle } });
