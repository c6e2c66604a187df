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

/** Pre-trained rows for an embedding: row `id` is the vector of token `id` where `found[id]` is 1. */
export interface RowVectors {
  dim: number;
  values: Float32Array;
  found: Uint8Array;
}

/** Overwrites the rows of an [ids, dim] embedding that have a pre-trained vector. */
function overlayRows(values: Float32Array, shape: number[], vectors: RowVectors): void {
  const [ids, dim] = shape;
  if (dim !== vectors.dim) throw new Error(`embedding of width ${dim} given vectors of width ${vectors.dim}`);
  const rows = Math.min(ids, vectors.found.length);
  for (let id = 0; id < rows; id++) if (vectors.found[id]) values.set(vectors.values.subarray(id * dim, (id + 1) * dim), id * dim);
}

/**
 * `vectors`: the text dataset's word vectors, for embeddings with `vectors: true` (without them, as
 * when validate compiles a model without its data, those embeddings keep their initialiser's values).
 */
export function initializeWeights(inits: readonly WeightInit[], seed: number, vectors?: RowVectors): void {
  for (const init of inits) {
    const variable = findWeight(init.layer, init.weight);
    const shape = variable.shape as number[];
    const kernelShape = (init.kernel ? findWeight(init.layer, init.kernel).shape : shape) as number[];
    const values = initialValues(init.initializer, { shape, kernelShape, kind: init.kind, role: init.role }, stream(seed, 'init', variable.originalName));
    if (init.fromVectors && vectors) overlayRows(values, shape, vectors);
    const tensor = tf.tensor(values, shape);
    variable.write(tensor);
    tensor.dispose();
  }
}
