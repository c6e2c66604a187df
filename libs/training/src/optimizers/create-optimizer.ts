/** The optimizer of an experiment, plus gradient clipping (global norm as torch.nn.utils.clip_grad_norm_, or value). */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerSpec } from '@ablate/spec';
import { adam } from './adam';
import type { Optimizer } from './optimizer';
import { adagrad, rmsprop } from './rmsprop';
import { sgd } from './sgd';

export const DEFAULT_LR: Record<OptimizerSpec['type'], number> = { sgd: 0.01, adam: 0.001, adamw: 0.001, rmsprop: 0.01, adagrad: 0.01 };

export function createOptimizer(spec: OptimizerSpec): Optimizer {
  switch (spec.type) {
    case 'sgd':
      return sgd(spec);
    case 'adam':
      return adam(spec, false);
    case 'adamw':
      return adam(spec, true);
    case 'rmsprop':
      return rmsprop(spec);
    case 'adagrad':
      return adagrad(spec);
    default:
      return ((x: never) => {
        throw new Error(`unhandled optimizer ${JSON.stringify(x)}`);
      })(spec);
  }
}

/**
 * Returns the clipped gradients (new tensors) or the same ones. The global norm stays on the
 * device, as in torch.nn.utils.clip_grad_norm_: scale = min(1, clip_norm / (norm + 1e-6)) in
 * float32, applied to every gradient (a factor of 1 changes nothing).
 */
export function clipGradients(grads: tf.Tensor[], spec: Pick<OptimizerSpec, 'clip_norm' | 'clip_value'>): tf.Tensor[] {
  let out = grads;
  if (spec.clip_value !== undefined) out = out.map((g) => tf.clipByValue(g, -spec.clip_value!, spec.clip_value!));
  if (spec.clip_norm !== undefined && out.length > 0) {
    const norm = tf.sqrt(tf.addN(out.map((g) => tf.sum(tf.square(g)))));
    const scale = tf.minimum(tf.div(spec.clip_norm, tf.add(norm, 1e-6)), 1);
    out = out.map((g) => tf.mul(g, scale));
  }
  return out;
}
