/**
 * A trained trial applied to data: the trial's own test part, or a new dataset of its kind, through
 * the preprocessing fitted exactly as in training (the same data, split and seed give the same
 * statistics), then the saved model in inference mode. Classification trials: each example's class
 * probabilities (softmax of the outputs) and predicted class, and its true class where the data's
 * labels are the trial's classes; regression trials: each example's value and target;
 * image_to_image trials: each example's output image (predict-images.ts).
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset, prepareData, type Batch, type Dataset, type Source } from '@ablate/data';
import { loadModel } from '@ablate/models';
import { defaulted, taskOf, type DatasetSpec } from '@ablate/spec';
import type { Trial } from '@ablate/sweep';
import { predictImages, type ImagePredictions } from './predict-images';

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
  /** image_to_image on new data: the images are clean; the trial's test noise is added to make the inputs, and the outputs are scored. */
  addNoise?: boolean;
}

interface Common {
  /** What names each example: its file, its index in the data, or a scene pixel's `row,col`. */
  ids: string[];
  /** New data that is a scene: its size; the examples are its pixels, row-major (the classification map). */
  map?: { rows: number; cols: number };
}

export interface ClassPredictions extends Common {
  task: 'classification';
  classNames: string[];
  predicted: Int32Array;
  /** n x classes, row-major. */
  probabilities: Float32Array;
  /** The true class of each example in the trial's class order, -1 where the data's label is not one of them; absent without labels. */
  truth?: Int32Array;
}

export interface ValuePredictions extends Common {
  task: 'regression';
  /** The model's output for each example. */
  values: Float32Array;
  /** The data's target of each example, as the trial's evaluation reads it. */
  truth: Float32Array;
}

export type Predictions = ClassPredictions | ValuePredictions | ImagePredictions;

type NewData = Common & { source: Source; truth?: Int32Array };

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

async function withModel<T>(model: { dispose(): void }, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    model.dispose();
  }
}

/** The test part's noisy images, or new images (made noisy with `addNoise`), through a denoiser. */
function imagesOf(options: PredictOptions, prepared: ReturnType<typeof prepareData>, model: Parameters<typeof predictImages>[0]['model']): Promise<ImagePredictions> {
  const task = options.trial.config.task as { type: 'image_to_image'; data_range?: number };
  const pairing = prepared.pair;
  const pair = pairing ? (b: Batch) => pairing(b, 'test') : undefined;
  const common = { model, shape: prepared.facts.input_shape, dataRange: defaulted(task.data_range, 'task.data_range'), batchSize: options.batchSize, steps: prepared.fitted?.steps ?? [], ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  if (options.data === 'test') return predictImages({ ...common, source: prepared.test, ids: Array.from(prepared.test.items, String), pair });
  const { source, ids } = newData(options.data, options.dataBaseDir, prepared.classNames, prepared.sourceOf);
  return predictImages({ ...common, source, ids, ...(options.addNoise ? { pair } : {}) });
}

export async function predict(options: PredictOptions): Promise<Predictions> {
  const { trial } = options;
  const task = taskOf(trial.config);
  const prepared = prepareData(trial.config, { baseDir: options.baseDir, seed: trial.seed });
  const model = await loadModel(join(options.trialDir, 'model'));
  return withModel<Predictions>(model, () => (task === 'image_to_image' ? imagesOf(options, prepared, model) : valuesOf(options, prepared, model, task === 'regression')));
}

/** A classifier's class probabilities and predicted classes, or a regression's values, as the trial's evaluation reads them. */
async function valuesOf(options: PredictOptions, prepared: ReturnType<typeof prepareData>, model: Parameters<typeof predictImages>[0]['model'], regression: boolean): Promise<ClassPredictions | ValuePredictions> {
  let source: Source;
  let ids: string[];
  let truth: Int32Array | undefined;
  let map: Common['map'];
  if (options.data === 'test') {
    source = prepared.test;
    ids = Array.from(source.items, String);
    truth = source.labels;
  } else {
    ({ source, ids, truth, map } = newData(options.data, options.dataBaseDir, prepared.classNames, prepared.sourceOf));
  }
  const classes = prepared.classNames.length;
  const width = regression ? 1 : classes;
  const scores = new Float32Array(source.size * width);
  const predicted = new Int32Array(regression ? 0 : source.size);
  const targets = new Float32Array(regression ? source.size : 0);
  for (let start = 0; start < source.size; start += options.batchSize) {
    const positions = Array.from({ length: Math.min(options.batchSize, source.size - start) }, (_, k) => start + k);
    const batch = source.gather(positions);
    // As the trial's evaluation reads them: a regression's single output per example, a class's softmax and argmax.
    const outputs = tf.tidy(() => {
      const x = batch.x instanceof Int32Array ? tf.tensor(batch.x, batch.shape, 'int32') : tf.tensor(batch.x, batch.shape, 'float32');
      const output = model.apply(x, { training: false }) as tf.Tensor;
      return regression ? [tf.reshape(output, [-1])] : [tf.softmax(output), tf.argMax(output, -1)];
    });
    scores.set(await outputs[0].data(), start * width);
    if (regression) targets.set(batch.values ?? Float32Array.from(batch.y), start);
    else predicted.set(await outputs[1].data(), start);
    tf.dispose(outputs);
    options.onProgress?.(start + positions.length, source.size);
  }
  const place = { ids, ...(map ? { map } : {}) };
  if (regression) return { task: 'regression', ...place, values: scores, truth: targets };
  return { task: 'classification', ...place, classNames: prepared.classNames, predicted, probabilities: scores, ...(truth ? { truth } : {}) };
}
