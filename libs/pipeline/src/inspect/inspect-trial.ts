/**
 * What a trained network learned, from its saved model and its test part (no retraining): feature
 * maps of a layer for chosen examples, a 2-D UMAP embedding of the penultimate features coloured
 * by class, and Grad-CAM maps. Each is written into the trial folder as `inspect-<kind>.json`
 * (images as 8-bit arrays, base64) for the report to draw without TensorFlow.js; written again
 * only when its options or the model change. Every choice is seeded by the trial's seed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { UMAP } from 'umap-js';
import { prepareData, type Source } from '@ablate/data';
import { loadModel } from '@ablate/models';
import { stream, taskOf, UserError, writing } from '@ablate/spec';
import type { Trial } from '@ablate/sweep';
import { gradCam, layerNamed, mapLayer, outputOf, outputTensor, penultimate } from './model-walk';

export type InspectKind = 'feature_maps' | 'embedding' | 'grad_cam';

export interface InspectRequest {
  kind: InspectKind;
  layer?: string;
  /** Test examples: how many from the start of the test part, or their positions in it. */
  examples?: number | number[];
  /** feature_maps: channels shown per example. */
  channels?: number;
  /** embedding: test examples embedded (a seeded sample when the test part has more). */
  points?: number;
}

/** An image [h, w, c] scaled to 0-255 for display, base64. */
interface Picture {
  height: number;
  width: number;
  channels: number;
  data: string;
}

const picture = (values: ArrayLike<number>, [height, width, channels]: readonly number[]): Picture => {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const span = hi > lo ? hi - lo : 1;
  const bytes = Uint8Array.from(values, (v) => Math.round(((v - lo) / span) * 255));
  return { height, width, channels, data: Buffer.from(bytes).toString('base64') };
};

/** The positions in the test part a plot shows. */
function positions(source: Source, examples: number | number[] | undefined, fallback: number): number[] {
  const wanted = examples ?? fallback;
  const list = Array.isArray(wanted) ? wanted : Array.from({ length: Math.min(wanted, source.size) }, (_, i) => i);
  const outside = list.find((p) => p < 0 || p >= source.size);
  if (outside !== undefined) throw new UserError(`report plot: example ${outside} is not in the test part (${source.size} examples, 0 to ${source.size - 1}).`, { hint: 'Give test positions from 0, or a count.' });
  return list;
}

const images = (shape: readonly number[]) => shape.length === 3;

async function featureMaps(model: LayersModel, source: Source, request: InspectRequest, classNames: string[]) {
  const layer = request.layer ? layerNamed(model, request.layer, 'feature_maps') : mapLayer(model, 'first', 'feature_maps');
  const shown = positions(source, request.examples, 4);
  const batch = source.gather(shown);
  const x = tf.tensor(batch.x as Float32Array, batch.shape, 'float32');
  const maps = outputOf(model, outputTensor(layer), x);
  const [n, h, w, c] = maps.shape as number[];
  const values = (await maps.data()) as Float32Array;
  const channels = Math.min(c, request.channels ?? 8);
  tf.dispose([x, maps]);
  const size = batch.x.length / n;
  return {
    layer: layer.name,
    shape: [h, w, c],
    examples: Array.from({ length: n }, (_, i) => ({
      position: shown[i],
      label: classNames[batch.y[i]] ?? String(batch.y[i]),
      input: picture((batch.x as Float32Array).subarray(i * size, (i + 1) * size), source.exampleShape),
      maps: Array.from({ length: channels }, (_, k) => {
        const one = new Float32Array(h * w);
        for (let p = 0; p < h * w; p++) one[p] = values[(i * h * w + p) * c + k];
        return picture(one, [h, w, 1]);
      }),
    })),
  };
}

async function embedding(model: LayersModel, source: Source, request: InspectRequest, classNames: string[], seed: number) {
  const target = request.layer ? outputTensor(layerNamed(model, request.layer, 'embedding')) : penultimate(model);
  const count = Math.min(source.size, request.points ?? 1000);
  // A seeded sample of the test part when it holds more.
  const random = stream(seed, 'inspect', 'embedding');
  const order = Array.from({ length: source.size }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const chosen = order.slice(0, count).sort((a, b) => a - b);
  const features: number[][] = [];
  const labels: number[] = [];
  for (let start = 0; start < chosen.length; start += 256) {
    const batch = source.gather(chosen.slice(start, start + 256));
    const x = batch.x instanceof Int32Array ? tf.tensor(batch.x, batch.shape, 'int32') : tf.tensor(batch.x, batch.shape, 'float32');
    const out = outputOf(model, target, x);
    const flat = tf.reshape(out, [out.shape[0], -1]);
    const values = (await flat.data()) as Float32Array;
    const width = flat.shape[1] as number;
    for (let i = 0; i < flat.shape[0]; i++) features.push(Array.from(values.subarray(i * width, (i + 1) * width)));
    labels.push(...batch.y);
    tf.dispose([x, out, flat]);
  }
  const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(15, Math.max(2, features.length - 1)), minDist: 0.1, random: stream(seed, 'inspect', 'umap') });
  const points = umap.fit(features);
  return { layer: target.sourceLayer?.name ?? 'input', method: 'umap', dims: features[0]?.length ?? 0, classNames, points: points.map(([px, py], i) => [Number(px.toFixed(4)), Number(py.toFixed(4)), labels[i]]) };
}

async function gradCams(model: LayersModel, source: Source, request: InspectRequest, classNames: string[]) {
  const layer = request.layer ? layerNamed(model, request.layer, 'grad_cam') : mapLayer(model, 'last', 'grad_cam');
  const shown = positions(source, request.examples, 6);
  const batch = source.gather(shown);
  const x = tf.tensor(batch.x as Float32Array, batch.shape, 'float32');
  const { cams, predicted } = gradCam(model, layer, x);
  const [h, w] = source.exampleShape;
  // At the input's size, bilinear, as the paper overlays them.
  const resized = tf.tidy(() => tf.squeeze(tf.image.resizeBilinear(tf.expandDims(cams, -1) as tf.Tensor4D, [h, w]), [3]));
  const values = (await resized.data()) as Float32Array;
  const classes = (await predicted.data()) as Int32Array;
  tf.dispose([x, cams, predicted, resized]);
  const size = batch.x.length / batch.items.length;
  return {
    layer: layer.name,
    examples: Array.from(shown, (position, i) => ({
      position,
      label: classNames[batch.y[i]] ?? String(batch.y[i]),
      predicted: classNames[classes[i]] ?? String(classes[i]),
      input: picture((batch.x as Float32Array).subarray(i * size, (i + 1) * size), source.exampleShape),
      // Already in [0, 1]: kept as is (not rescaled per image), so weak maps look weak.
      cam: { height: h, width: w, channels: 1, data: Buffer.from(Uint8Array.from(values.subarray(i * h * w, (i + 1) * h * w), (v) => Math.round(Math.min(1, Math.max(0, v)) * 255))).toString('base64') },
    })),
  };
}

export const inspectFile = (kind: InspectKind) => `inspect-${kind}.json`;
/** The files' format: a file of another is made again. */
const FORMAT = 'ablate-inspect/1';

/** Writes (or keeps, when up to date) the trial's inspection files for `requests`. */
export async function inspectTrial(trial: Trial, trialDir: string, baseDir: string, requests: readonly InspectRequest[]): Promise<void> {
  const weights = join(trialDir, 'model', 'weights.bin');
  const modelHash = createHash('sha256').update(readFileSync(weights)).digest('hex').slice(0, 16);
  const stale = requests.filter((r) => {
    const file = join(trialDir, inspectFile(r.kind));
    if (!existsSync(file)) return true;
    const made = JSON.parse(readFileSync(file, 'utf8')) as { format?: string; request?: unknown; model?: string };
    return made.format !== FORMAT || made.model !== modelHash || JSON.stringify(made.request) !== JSON.stringify(r);
  });
  if (stale.length === 0) return;
  const task = taskOf(trial.config);
  if (task !== 'classification') {
    throw new UserError(`report plots ${stale.map((r) => r.kind).join(', ')} show what a classifier learned; this trial's task is ${task}.`, { hint: 'Leave them out of report.plots for this experiment.' });
  }
  const prepared = prepareData(trial.config, { baseDir, seed: trial.seed });
  const model = await loadModel(join(trialDir, 'model'));
  try {
    for (const request of stale) {
      if (request.kind !== 'embedding' && !images(prepared.facts.input_shape)) {
        throw new UserError(`report plot ${request.kind} draws images; this trial's examples are ${JSON.stringify(prepared.facts.input_shape)}.`, { hint: 'Use it on image models, or leave it out (embedding works for any classifier).' });
      }
      const data =
        request.kind === 'feature_maps'
          ? await featureMaps(model, prepared.test, request, prepared.classNames)
          : request.kind === 'embedding'
            ? await embedding(model, prepared.test, request, prepared.classNames, trial.seed)
            : await gradCams(model, prepared.test, request, prepared.classNames);
      const file = join(trialDir, inspectFile(request.kind));
      writing(file, () => writeFileSync(file, JSON.stringify({ format: FORMAT, kind: request.kind, request, model: modelHash, ...data })));
    }
  } finally {
    model.dispose();
  }
}
