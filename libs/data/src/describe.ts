/**
 * The data facts a model needs (classes, example shape, a text dataset's vocabulary size), worked
 * out from the experiment alone when possible: a model can be compiled (validate, summary, the
 * golden corpus) without reading data.
 */
import type { DataFacts, PreprocessingSpec } from '@ablate/spec';
import { DATASETS } from './datasets/register-all';
import type { DataConfig } from './prepare';
import { pluginStep } from './preprocess/plugin-steps';

export function describeData(config: Pick<DataConfig, 'dataset' | 'preprocessing'>): DataFacts | undefined {
  const loader = DATASETS.get(config.dataset.type);
  if (!loader) return undefined;
  const described = loader.describe(config.dataset as never);
  const classes = (config.dataset as { classes?: number }).classes ?? described.classes;
  if (classes === undefined || described.shape === undefined) return undefined;
  let shape = described.kind === 'scene' ? [described.shape[2]] : [...described.shape];
  for (const step of config.preprocessing ?? ([] as PreprocessingSpec[])) {
    const plugin = pluginStep(step.type);
    if (plugin) {
      const { type: _type, ...params } = step as unknown as Record<string, unknown>;
      if (plugin.shape) shape = plugin.shape(params, shape);
    } else if (step.type === 'pca') shape = described.kind === 'scene' ? [step.components] : [step.components];
    else if (step.type === 'pad') shape = [step.to[0], step.to[1], shape[shape.length - 1]];
    else if (step.type === 'resize' || step.type === 'center_crop') shape = [...(typeof step.size === 'number' ? [step.size, step.size] : step.size.slice(0, 2)), shape[shape.length - 1]];
    else if (step.type === 'patches') shape = [step.size, step.size, shape[0]];
  }
  return {
    classes,
    input_shape: shape,
    input_dtype: described.dtype ?? 'float32',
    ...(described.vocab_size !== undefined ? { vocab_size: described.vocab_size } : {}),
    ...(described.vectors_dim !== undefined ? { vectors_dim: described.vectors_dim } : {}),
  };
}
