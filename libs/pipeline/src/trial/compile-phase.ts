/** Phase "compile": the model on the data's facts, with its initial weights, and the loss and task it trains with. */
import type { PreparedData } from '@ablate/data';
import { compileModel, type CompiledModel } from '@ablate/models';
import { defaulted, type Locate } from '@ablate/spec';
import type { Trial } from '@ablate/sweep';
import { createLoss, type LossFn } from '@ablate/training';

export interface CompiledTrial {
  compiled: CompiledModel;
  loss: LossFn;
  /** The targets are numbers (regression, image_to_image), not classes. */
  numericTargets: boolean;
  /** image_to_image: the images' shape and the range of clean values. */
  image?: { shape: number[]; dataRange: number };
}

function counts(labels: Int32Array, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (const y of labels) out[y]++;
  return out;
}

export function compilePhase(trial: Trial, data: PreparedData, options: { experiment: string; locate?: Locate }): CompiledTrial {
  const { config, seed } = trial;
  const compiled = compileModel(config.model, data.facts, { seed, vars: config.vars, locate: options.locate, name: options.experiment, wordVectors: data.wordVectors });
  const task = defaulted(config.task, 'task');
  const image = task.type === 'image_to_image' ? { shape: data.facts.input_shape, dataRange: defaulted(task.data_range, 'task.data_range') } : undefined;
  const loss = createLoss(defaulted(config.loss, 'loss'), data.facts.classes, counts(data.train.labels, data.facts.classes));
  return { compiled, loss, numericTargets: task.type !== 'classification', ...(image ? { image } : {}) };
}
