/** What a paper quotes about a model: each layer's output shape, parameters and multiply-accumulates. */
import { textTable } from '@ablate/spec';
import { formatShape, type Shape } from '../shape';

export interface SummaryRow {
  /** Node name; blocks prefix their layers' names (`block_1/conv2d_2`). */
  name: string;
  type: string;
  /** Its main parameters in a few characters (`3×3, 64, /2`), for figures. */
  detail?: string;
  /** The rows whose outputs it takes (`input`: the model's input). */
  inputs?: string[];
  /** YAML path of the item that made it. */
  path: string;
  outputShape: Shape;
  trainable: number;
  nonTrainable: number;
  /** Multiply-accumulates for one example. */
  macs: number;
}

export interface ModelSummary {
  name: string;
  inputShape: Shape;
  outputShape: Shape;
  rows: SummaryRow[];
  trainableParams: number;
  nonTrainableParams: number;
  totalParams: number;
  macs: number;
}

export function summarize(name: string, inputShape: Shape, outputShape: Shape, rows: SummaryRow[]): ModelSummary {
  const trainableParams = rows.reduce((n, r) => n + r.trainable, 0);
  const nonTrainableParams = rows.reduce((n, r) => n + r.nonTrainable, 0);
  return { name, inputShape, outputShape, rows, trainableParams, nonTrainableParams, totalParams: trainableParams + nonTrainableParams, macs: rows.reduce((n, r) => n + r.macs, 0) };
}

const group = (n: number) => n.toLocaleString('en-US');

/** The summary as text (summary.txt, `runner:summary`). */
export function formatSummary(summary: ModelSummary): string {
  const table = textTable(
    ['layer', 'type', 'output shape', 'params', 'non-trainable', 'MACs'],
    summary.rows.map((r) => [r.name, r.type, formatShape(r.outputShape), group(r.trainable), group(r.nonTrainable), group(r.macs)]),
  );
  return [
    `model ${summary.name}: input ${formatShape(summary.inputShape)} -> output ${formatShape(summary.outputShape)}`,
    '',
    table,
    '',
    `trainable parameters:      ${group(summary.trainableParams)}`,
    `non-trainable parameters:  ${group(summary.nonTrainableParams)}`,
    `total parameters:          ${group(summary.totalParams)}`,
    `multiply-accumulates:      ${group(summary.macs)} per example`,
    '',
  ].join('\n');
}
