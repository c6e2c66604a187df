/**
 * An exported model.json with ablate's layer classes replaced by TensorFlow.js's own where one
 * computes the same at inference, so that plain `tf.loadLayersModel` reads more models without
 * ablate's loader: padding of 2-D maps with zeros → ZeroPadding2D, batch norm on up to 4-D tensors
 * → BatchNormalization (same weights, same formula with the moving statistics), seeded dropout →
 * Dropout (the identity at inference), ReLU6 → ReLU with max_value 6, global pooling of 1-D or
 * 2-D maps without kept axes → GlobalAverage/MaxPooling1D/2D. Layers with no such twin (grouped or
 * dilated convolutions, attention, ...) keep ablate's class; the loader registers those.
 */
import type { LayersModel } from '../tf';

type Json = Record<string, unknown>;
interface LayerJson {
  name: string;
  class_name: string;
  config: Json;
  inbound_nodes: unknown;
}

/** The rewrite of one layer, given its input's rank with the batch axis; undefined keeps it. */
type Rewrite = (config: Json, rank: number, masked: boolean) => { class_name: string; config: Json } | undefined;

const base = (config: Json) => ({ name: config.name, trainable: config.trainable ?? true });

const REWRITES: Record<string, Rewrite> = {
  AblateZeroPad: (c, rank) => (rank === 4 && c.fill === 'zero' ? { class_name: 'ZeroPadding2D', config: { ...base(c), padding: c.padding, data_format: 'channels_last' } } : undefined),
  AblateBatchNorm: (c, rank) =>
    rank <= 4
      ? {
          class_name: 'BatchNormalization',
          config: {
            ...base(c),
            axis: -1,
            momentum: c.momentum,
            epsilon: c.epsilon,
            center: c.center,
            scale: c.scale,
            beta_initializer: { class_name: 'Zeros', config: {} },
            gamma_initializer: { class_name: 'Ones', config: {} },
            moving_mean_initializer: { class_name: 'Zeros', config: {} },
            moving_variance_initializer: { class_name: 'Ones', config: {} },
          },
        }
      : undefined,
  AblateDropout: (c) => ({ class_name: 'Dropout', config: { ...base(c), rate: c.rate } }),
  AblateRelu6: (c) => ({ class_name: 'ReLU', config: { ...base(c), max_value: 6 } }),
  AblateGlobalPool: (c, rank, masked) => {
    if (c.keepdims || masked || (rank !== 3 && rank !== 4)) return undefined;
    return { class_name: `Global${c.mode === 'max' ? 'Max' : 'Average'}Pooling${rank - 2}D`, config: { ...base(c), ...(rank === 4 ? { data_format: 'channels_last' } : {}) } };
  },
};

export interface StandardTopology {
  topology: Json;
  /** ablate's classes the model still holds (the loader registers them). */
  custom: string[];
}

/** `topology` (model.json's modelTopology) with the rewrites above; `model` is the same model loaded, for the input ranks. */
export function withStandardLayers(topology: Json, model: LayersModel): StandardTopology {
  const copy = JSON.parse(JSON.stringify(topology)) as { model_config?: { config: { layers: LayerJson[] } }; config: { layers: LayerJson[] } };
  const layers = (copy.model_config ?? copy).config.layers;
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  // A mask (an embedding's mask_zero) flows into later layers, which then must be ablate's masked ones.
  const masked = model.layers.some((l) => l.getClassName() === 'Embedding' && (l.getConfig() as { maskZero?: boolean }).maskZero);
  const custom = new Set<string>();
  for (const layer of layers) {
    const rewrite = REWRITES[layer.class_name] as Rewrite | undefined;
    const loaded = byName.get(layer.name);
    const rank = loaded ? (Array.isArray(loaded.input) ? loaded.input[0] : loaded.input).shape.length : 0;
    const replaced = rewrite && loaded ? rewrite(layer.config, rank, masked) : undefined;
    if (replaced) Object.assign(layer, replaced);
    else if (layer.class_name.startsWith('Ablate')) custom.add(layer.class_name);
  }
  return { topology: copy as unknown as Json, custom: [...custom].sort() };
}
