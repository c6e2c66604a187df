/** The optimizer of an experiment, plus gradient clipping (global norm as torch.nn.utils.clip_grad_norm_, or value). */
import * as tf from '@tensorflow/tfjs-core';
import { defaulted, OPTIMIZER_CATALOG, type OptimizerSpec } from '@ablate/spec';
import { PluginComponents } from '../plugin-components';
import { adam } from './adam';
import type { Optimizer, ResolvedOptimizer } from './optimizer';
import { adagrad, rmsprop } from './rmsprop';
import { sgd } from './sgd';

/** The spec with every parameter of its schema present: the schema's defaults were filled where the trial was resolved. */
function resolved(spec: OptimizerSpec): ResolvedOptimizer {
  const properties = (OPTIMIZER_CATALOG[spec.type] as unknown as { properties: Record<string, { default?: unknown }> }).properties;
  for (const [key, property] of Object.entries(properties)) {
    if (property.default !== undefined || key === 'lr') defaulted((spec as Record<string, unknown>)[key], `optimizer.${key}`);
  }
  return spec as ResolvedOptimizer;
}

/** A plug-in's optimizer: made once per trial from its parameters (defaults filled). */
export type OptimizerFactory = (params: Record<string, unknown>) => Optimizer;
const pluginOptimizers = new PluginComponents<OptimizerFactory>('an optimizer');

export const registerOptimizer = (name: string, factory: OptimizerFactory): void => pluginOptimizers.register(name, factory);
export const unregisterOptimizer = (name: string): void => pluginOptimizers.unregister(name);

export function createOptimizer(given: OptimizerSpec): Optimizer {
  const plugin = pluginOptimizers.get(given.type);
  if (plugin) return plugin(given as unknown as Record<string, unknown>);
  const spec = resolved(given);
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
