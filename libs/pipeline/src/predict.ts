/**
 * A trained trial applied to data: the trial's own test part, or a new dataset of its kind, through
 * the preprocessing fitted exactly as in training (the same data, split and seed give the same
 * statistics), then the saved model in inference mode. Classification trials: each example's class
 * probabilities (softmax of the outputs) and predicted class; where the data has labels of the
 * trial's classes, the accuracy.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset, prepareData, type Dataset, type Source } from '@ablate/data';
import { loadModel } from '@ablate/models';
import { taskOf, UserError, type DatasetSpec } from '@ablate/spec';
import type { Trial } from '@ablate/sweep';

export interface PredictOptions {
  trial: Trial;
  /** The trial's folder (results/<experiment>/<id>): its model. */
  trialDir: string;
  /** The experiment's folder: the trial's data paths start there. */
  baseDir: string;
  /** `test`: the trial's test part; else a dataset spec, its paths relative to `dataBaseDir`. */
  data: 'test' | DatasetSpec;
  dataBaseDir: string;
  batchSize: number;
  /** Called after each batch with the examples done so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface Predictions {
  classNames: string[];
  /** What names each example: its file, or its index in the data. */
  ids: string[];
  predicted: Int32Array;
  /** n x classes, row-major. */
  probabilities: Float32Array;
  /** The true class of each example in the trial's class order, -1 where the data's label is not one of them; absent without labels. */
  truth?: Int32Array;
  /** New data that is a scene: its size; the examples are its pixels, row-major (the classification map). */
  map?: { rows: number; cols: number };
}

type NewData = Pick<Predictions, 'ids' | 'truth' | 'map'> & { source: Source };

/** Labels in the data's class order as the trial's, -1 where the data's label is not one of the trial's classes (or unlabelled, -1). */
function truthOf(labels: ArrayLike<number>, dataNames: string[], classNames: string[]): Int32Array | undefined {
  const index = new Map(classNames.map((c, i) => [c, i]));
  if (!dataNames.some((c) => index.has(c))) return undefined;
  return Int32Array.from(labels, (k) => (k < 0 ? -1 : (index.get(dataNames[k]) ?? -1)));
}

function newData(spec: DatasetSpec, dataBaseDir: string, classNames: string[], sourceOf: (other: Dataset) => Source): NewData {
  const dataset = loadDataset(spec, { baseDir: dataBaseDir });
  const source = sourceOf(dataset);
  if (dataset.kind === 'scene') {
    const { rows, cols } = dataset;
    const truth = truthOf(dataset.labels, dataset.classNames, classNames);
    return { source, ids: Array.from(dataset.labels.keys(), (p) => `${Math.floor(p / cols)},${p % cols}`), map: { rows, cols }, ...(truth ? { truth } : {}) };
  }
  // The files name the examples when there is one file per example (an image folder).
  const files = dataset.files.filter((f) => !/\.(csv|jsonl?)$/i.test(f.shown));
  const ids = files.length === dataset.y.length ? files.map((f) => f.shown) : Array.from(dataset.y.keys(), String);
  const truth = truthOf(dataset.y, dataset.classNames, classNames);
  return { source, ids, ...(truth ? { truth } : {}) };
}

export async function predict(options: PredictOptions): Promise<Predictions> {
  const { trial } = options;
  const task = taskOf(trial.config);
  if (task !== 'classification') throw new UserError(`\`predict\` writes class predictions; this trial's task is ${task}.`, { hint: 'Use a classification trial (regression and image outputs are not written yet).' });
  const prepared = prepareData(trial.config, { baseDir: options.baseDir, seed: trial.seed });
  const model = await loadModel(join(options.trialDir, 'model'));
  let source: Source;
  let ids: string[];
  let truth: Int32Array | undefined;
  let map: Predictions['map'];
  if (options.data === 'test') {
    source = prepared.test;
    ids = Array.from(source.items, String);
    truth = source.labels;
  } else {
    ({ source, ids, truth, map } = newData(options.data, options.dataBaseDir, prepared.classNames, prepared.sourceOf));
  }
  const classes = prepared.classNames.length;
  const probabilities = new Float32Array(source.size * classes);
  const predicted = new Int32Array(source.size);
  try {
    for (let start = 0; start < source.size; start += options.batchSize) {
      const positions = Array.from({ length: Math.min(options.batchSize, source.size - start) }, (_, k) => start + k);
      const batch = source.gather(positions);
      const [p, k] = tf.tidy(() => {
        const x = batch.x instanceof Int32Array ? tf.tensor(batch.x, batch.shape, 'int32') : tf.tensor(batch.x, batch.shape, 'float32');
        const output = model.apply(x, { training: false }) as tf.Tensor;
        return [tf.softmax(output), tf.argMax(output, -1)];
      });
      probabilities.set(await p.data(), start * classes);
      predicted.set(await k.data(), start);
      tf.dispose([p, k]);
      options.onProgress?.(start + positions.length, source.size);
    }
  } finally {
    model.dispose();
  }
  return { classNames: prepared.classNames, ids, predicted, probabilities, ...(truth ? { truth } : {}), ...(map ? { map } : {}) };
}
