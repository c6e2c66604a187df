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

/** Returns the clipped gradients (new tensors) or the same ones. */
export function clipGradients(grads: tf.Tensor[], spec: Pick<OptimizerSpec, 'clip_norm' | 'clip_value'>): tf.Tensor[] {
  let out = grads;
  if (spec.clip_value !== undefined) out = out.map((g) => tf.clipByValue(g, -spec.clip_value!, spec.clip_value!));
  if (spec.clip_norm !== undefined) {
    const norm = Math.sqrt(out.reduce((a, g) => a + tf.sum(tf.square(g)).dataSync()[0], 0));
    const scale = spec.clip_norm / (norm + 1e-6);
    if (scale < 1) out = out.map((g) => tf.mul(g, scale));
  }
  return out;
}
