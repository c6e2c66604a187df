/** Writes every weight's initial values, each from a seeded stream named after the weight. */
import type { WeightInit } from '../layers/layer-impl';
import { stream } from '@ablate/spec';
import { tf, tfl, type LayerVariable } from '../tf';
import { initialValues } from './initializer-values';

export function findWeight(layer: tfl.layers.Layer, weight: string): LayerVariable {
  const found = layer.weights.find((w) => w.originalName.endsWith(`/${weight}`));
  if (!found) throw new Error(`layer ${layer.name} has no weight ${weight} (has ${layer.weights.map((w) => w.originalName).join(', ')})`);
  return found;
}

export function initializeWeights(inits: readonly WeightInit[], seed: number): void {
  for (const init of inits) {
    const variable = findWeight(init.layer, init.weight);
    const shape = variable.shape as number[];
    const kernelShape = (init.kernel ? findWeight(init.layer, init.kernel).shape : shape) as number[];
    const values = initialValues(init.initializer, { shape, kernelShape, kind: init.kind, role: init.role }, stream(seed, 'init', variable.originalName));
    const tensor = tf.tensor(values, shape);
    variable.write(tensor);
    tensor.dispose();
  }
}
