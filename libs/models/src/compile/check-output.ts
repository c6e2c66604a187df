/**
 * The model's output against what the loss compares it with, before anything trains: cross-entropy
 * takes one score per class; MSE and MAE compare each example's output with its target, one number
 * (the label) for the datasets ablate reads today. A mismatch is an error at the layer that makes
 * the output, with both shapes.
 */
import { UserError, type DataFacts, type LossSpec } from '@ablate/spec';
import { formatShape } from '../shape';
import type { CompiledModel } from './compile-model';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function checkOutput(compiled: Pick<CompiledModel, 'output'>, facts: DataFacts, loss: LossSpec | undefined): void {
  const { shape, type, at, path } = compiled.output;
  const kind = loss?.type ?? 'cross_entropy';
  if (kind === 'cross_entropy') {
    if (shape.length === 1 && shape[0] === facts.classes) return;
    const image = shape.length > 1;
    throw new UserError(
      `the model's output ${formatShape(shape)} (from this ${type} layer) is not one score per class: cross_entropy needs [${facts.classes}], as the data has ${facts.classes} classes.`,
      {
        at,
        path,
        hint: image
          ? `End the model with \`{ type: flatten }\` (or a global pooling) and \`{ type: dense, units: "\${data.classes}" }\`. A model whose output is an image (denoising) needs an image as its target, which this data does not give.`
          : 'Give the last layer `units: "${data.classes}"`.',
      },
    );
  }
  if (size(shape) === 1) return;
  throw new UserError(
    `the model's output ${formatShape(shape)} (from this ${type} layer) cannot be compared with the target: ${kind} compares each example's output with its label, one number.`,
    {
      at,
      path,
      hint: 'End the model with one unit (`{ type: dense, units: 1 }`) to predict the label as a number, or use `loss: { type: cross_entropy }` to classify. Image targets (denoising: the clean image of a noisy input) are not supported yet.',
    },
  );
}
