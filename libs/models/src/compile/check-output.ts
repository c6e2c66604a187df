/**
 * The model's output against the task's target, before anything trains: a classifier outputs one
 * score per class (for cross-entropy); a regression one number per example; an image_to_image
 * model an image of its input's shape (the clean image). A mismatch is an error at the layer that
 * makes the output, with both shapes.
 */
import { UserError, type DataFacts, type LossSpec, type TaskSpec } from '@ablate/spec';
import { formatShape } from '../shape';
import type { CompiledModel } from './compile-model';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

export function checkOutput(compiled: Pick<CompiledModel, 'output'>, facts: DataFacts, loss: LossSpec | undefined, task: TaskSpec | undefined): void {
  const { shape, type, at, path } = compiled.output;
  const lossType = loss?.type ?? 'cross_entropy';
  const taskType = task?.type ?? (lossType === 'cross_entropy' ? 'classification' : 'regression');
  const fail = (message: string, hint: string): never => {
    throw new UserError(`the model's output ${formatShape(shape)} (from this ${type} layer) ${message}`, { at, path, hint });
  };
  if (taskType !== 'classification' && lossType === 'cross_entropy') {
    fail(`is trained with cross_entropy, which classifies, but the task is ${taskType}.`, 'Use `loss: { type: mse }` (or mae), or remove `loss:` to take mse.');
  }
  if (taskType === 'image_to_image') {
    if (same(shape, facts.input_shape)) return;
    fail(`is not an image of its input's shape ${formatShape(facts.input_shape)}: image_to_image compares it with the clean image.`, 'End the model with a convolution to the input\'s channels with `padding: same` (for DnCNN: `filters: "${data.channels}"`), and keep the spatial size.');
  }
  if (taskType === 'classification') {
    if (shape.length === 1 && shape[0] === facts.classes) return;
    fail(
      `is not one score per class: cross_entropy needs [${facts.classes}], as the data has ${facts.classes} classes.`,
      shape.length > 1
        ? `End the model with \`{ type: flatten }\` (or a global pooling) and \`{ type: dense, units: "\${data.classes}" }\`. A model whose output is an image (denoising) needs \`task: { type: image_to_image }\`.`
        : 'Give the last layer `units: "${data.classes}"`.',
    );
  }
  if (size(shape) === 1) return;
  fail(
    `cannot be compared with the target: ${lossType} compares each example's output with its label, one number.`,
    'End the model with one unit (`{ type: dense, units: 1 }`) to predict the label as a number, or use `loss: { type: cross_entropy }` to classify. For denoising (the clean image as the target) give `task: { type: image_to_image, noise_sigma: ... }`.',
  );
}
