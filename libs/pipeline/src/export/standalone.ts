/**
 * The loader an exported model folder carries (`ablate export` bundles this file, with
 * TensorFlow.js left to the program that uses it, into the folder's ablate-model.cjs): loads
 * model.json with ablate's own layer classes (and the trial's plug-ins' classes, when given)
 * registered, and prepares raw examples as the trial prepared its own before the model saw them.
 *
 *   const { load } = require('./exported/ablate-model.cjs');
 *   const exported = await load('./exported');
 *   const { classes, probabilities } = await exported.predict(pixels, 1); // raw values of 1 example
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFittedSteps, registerPreprocessing, type FittedStep, type PluginStep } from '@ablate/data';
import { loadModel, tf, type LayersModel } from '@ablate/models';

export interface ExportedInfo {
  format: string;
  experiment: string;
  trial: string;
  /** Class names in the model's output order. */
  classNames: string[];
  /** One raw example as the trial's data held it (e.g. [28, 28, 1] bytes of an image), and its type. */
  input: { shape: number[]; dtype: 'float32' | 'int32' };
  /** The preprocessing as fitted in training, applied in order. */
  steps: FittedStep[];
  /** A classifier outputs logits (predict applies softmax); a regression one value per example; a denoiser images. */
  output: 'logits' | 'values' | 'images';
}

export interface Exported {
  model: LayersModel;
  info: ExportedInfo;
  /** n raw examples (flat, row-major, as `info.input` says) prepared as in training. */
  preprocess(raw: ArrayLike<number>, n: number): tf.Tensor;
  /** The class probabilities of n raw examples (n x classes, row-major), and the most probable class of each. */
  predict(raw: ArrayLike<number>, n: number): Promise<{ probabilities: Float32Array; classes: string[] }>;
}

export async function load(dir: string): Promise<Exported> {
  const info = JSON.parse(readFileSync(join(dir, 'preprocessing.json'), 'utf8')) as ExportedInfo;
  const model = await loadModel(dir);
  const size = info.input.shape.reduce((a, b) => a * b, 1);
  const preprocess = (raw: ArrayLike<number>, n: number) => {
    if (raw.length !== n * size) throw new Error(`expected ${n} examples of ${JSON.stringify(info.input.shape)} (${n * size} values), got ${raw.length} values`);
    if (info.input.dtype === 'int32') return tf.tensor(Int32Array.from(raw), [n, ...info.input.shape], 'int32');
    const x = applyFittedSteps(raw, n, info.steps);
    return tf.tensor(x, [n, ...(model.inputs[0].shape.slice(1) as number[])], 'float32');
  };
  return {
    model,
    info,
    preprocess,
    async predict(raw, n) {
      if (info.output !== 'logits') throw new Error(`this model outputs ${info.output}, not class scores: use exported.model.predict(exported.preprocess(raw, n))`);
      const output = tf.tidy(() => tf.softmax(model.predict(preprocess(raw, n)) as tf.Tensor));
      const probabilities = (await output.data()) as Float32Array;
      output.dispose();
      const k = info.classNames.length;
      const classes = Array.from({ length: n }, (_, i) => {
        const row = probabilities.subarray(i * k, (i + 1) * k);
        return info.classNames[row.indexOf(Math.max(...row))];
      });
      return { probabilities, classes };
    },
  };
}

/**
 * A plug-in's layer classes, registered with tfjs serialisation, and its preprocessing steps, for
 * `preprocess` to apply (the export's entry calls this for each plug-in the trial used).
 */
export function registerPluginClasses(definition: { layers?: Record<string, { classes?: unknown[] }>; preprocessing?: Record<string, PluginStep> } | undefined): void {
  for (const layer of Object.values(definition?.layers ?? {})) {
    for (const cls of layer.classes ?? []) tf.serialization.registerClass(cls as Parameters<typeof tf.serialization.registerClass>[0]);
  }
  for (const [name, step] of Object.entries(definition?.preprocessing ?? {})) registerPreprocessing(name, step);
}
