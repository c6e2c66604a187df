/**
 * Preprocessing of separate examples (images, tables). Raw examples stay as loaded; each step is
 * fitted in order on the fitting examples as transformed by the steps before it, and the fitted
 * chain is applied to every gathered batch.
 */
import { listOf, stream, UserError, type PreprocessingSpec } from '@ablate/spec';
import { shuffle } from '../split/sampling';
import { ChannelStats } from './channel-stats';
import { CovarianceAccumulator } from './pca';
import { applyFittedStep, type FittedStep } from './fitted-steps';
import { pluginStep } from './plugin-steps';
import { unhandled } from '../unhandled';

/** A fitted step: transforms a batch of n examples (flat, channels last), as its data says. */
export interface ExampleOp {
  name: string;
  /** One example's shape after the step. */
  shape: number[];
  fitted: FittedStep;
  apply(x: Float32Array, n: number): Float32Array;
}

function op(name: string, shape: number[], fitted: FittedStep): ExampleOp {
  return { name, shape, fitted, apply: (x, n) => applyFittedStep(fitted, x, n) };
}

/** Streams the fitting examples (training part, or all with `fit: all`) in chunks through the ops fitted so far. */
export type FitStream = (ops: readonly ExampleOp[], visit: (x: Float32Array, n: number) => void, all: boolean) => void;

/** PCA on examples fits on at most this many (a seeded sample): covariance of raw pixels is costly. */
export const PCA_FIT_LIMIT = 20000;

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

function channelAffine(name: string, shape: number[], scale: ArrayLike<number>, shift: ArrayLike<number>): ExampleOp {
  return op(name, shape, { type: 'affine', scale: Array.from(scale), shift: Array.from(shift) });
}

function pad(shape: number[], to: number[]): ExampleOp {
  if (shape.length !== 3) throw new UserError(`\`pad\` needs images [height, width, channels]; the examples are ${JSON.stringify(shape)}.`, { hint: 'Remove it, or reshape the data.' });
  const [h, w, c] = shape;
  const [H, W] = to;
  if (H < h || W < w) throw new UserError(`\`pad\` to ${H}x${W} is smaller than the images, ${h}x${w}.`, { hint: 'Give a size at least as large as the images.' });
  return op('pad', [H, W, c], { type: 'pad', from: shape, to: [H, W] });
}

const sideOf = (size: number | number[]): [number, number] => (typeof size === 'number' ? [size, size] : [size[0], size[1]]);

/** resize and center_crop: per image, in each batch. */
function imageOp(step: Extract<PreprocessingSpec, { type: 'resize' | 'center_crop' }>, shape: number[]): ExampleOp {
  if (shape.length !== 3) throw new UserError(`\`${step.type}\` needs images [height, width, channels]; the examples are ${JSON.stringify(shape)}.`, { hint: 'Remove it, or reshape the data.' });
  const [H, W] = sideOf(step.size);
  if (step.type === 'center_crop') {
    if (H > shape[0] || W > shape[1]) throw new UserError(`\`center_crop\` to ${H}x${W} is larger than the images, ${shape[0]}x${shape[1]}.`, { hint: 'Crop to at most the image size, or `resize` first.' });
    return op('center_crop', [H, W, shape[2]], { type: 'center_crop', from: shape, to: [H, W] });
  }
  return op('resize', [H, W, shape[2]], { type: 'resize', from: shape, to: [H, W], method: step.method ?? 'bilinear' });
}

export function fitExampleSteps(steps: readonly PreprocessingSpec[], shape: number[], fit: FitStream, fitCount: (all: boolean) => number, seed: number, sampleFit: (positions: Int32Array, all: boolean) => FitStream): ExampleOp[] {
  const ops: ExampleOp[] = [];
  let current = shape;
  for (const step of steps) {
    const channels = current[current.length - 1];
    const plugin = pluginStep(step.type);
    if (plugin) {
      const { type, ...params } = step as unknown as Record<string, unknown>;
      const from = current;
      const state = plugin.fit ? plugin.fit(params, (visit) => fit(ops, visit, false), from) : null;
      ops.push(op(String(type), plugin.shape ? plugin.shape(params, from) : from, { type: 'plugin', name: String(type), params, state: state ?? null, from }));
      current = ops[ops.length - 1].shape;
      continue;
    }
    switch (step.type) {
      case 'scale':
        ops.push(channelAffine('scale', current, [step.factor], [0]));
        break;
      case 'normalize': {
        if (step.mean.length !== channels || step.std.length !== channels) {
          throw new UserError(`normalize has ${step.mean.length} means and ${step.std.length} stds for ${channels} channels.`, { hint: `Give one of each per channel (${channels}).` });
        }
        ops.push(channelAffine('normalize', current, step.std.map((s) => 1 / s), step.mean.map((m, i) => -m / step.std[i])));
        break;
      }
      case 'standardize':
      case 'minmax': {
        const stats = new ChannelStats(channels);
        fit(ops, (x) => stats.add(x), step.fit === 'all');
        const mean = stats.mean();
        const std = stats.std();
        const scale = step.type === 'standardize' ? std.map((s) => 1 / s) : stats.max.map((mx, i) => (mx > stats.min[i] ? 1 / (mx - stats.min[i]) : 1));
        const shift = step.type === 'standardize' ? mean.map((m, i) => -m / std[i]) : stats.min.map((mn, i) => -mn * scale[i]);
        ops.push(channelAffine(step.type, current, scale, shift));
        break;
      }
      case 'pca': {
        const features = prod(current);
        if (step.components > features) throw new UserError(`pca keeps ${step.components} components of ${features} features.`, { hint: `Use at most ${features}.` });
        const acc = new CovarianceAccumulator(features);
        const all = step.fit === 'all';
        const count = fitCount(all);
        const source = count > PCA_FIT_LIMIT ? sampleFit(shuffle(Int32Array.from({ length: count }, (_, i) => i), stream(seed, 'pca-sample')).subarray(0, PCA_FIT_LIMIT).sort(), all) : fit;
        source(ops, (x) => acc.add(x), all);
        const model = acc.fit(step.components, step.whiten ?? false);
        ops.push(op('pca', [step.components], { type: 'pca', features, mean: Array.from(model.mean), components: Array.from(model.components) }));
        break;
      }
      case 'pad':
        ops.push(pad(current, step.to));
        break;
      case 'resize':
      case 'center_crop':
        ops.push(imageOp(step, current));
        break;
      case 'patches':
        throw new UserError('`patches` applies to hyperspectral scenes; this dataset is a set of separate examples.', { hint: `Remove it. Steps for examples: ${listOf(['scale', 'standardize', 'minmax', 'normalize', 'pca', 'pad', 'resize', 'center_crop'])}.` });
      default:
        unhandled(step);
    }
    current = ops[ops.length - 1].shape;
  }
  return ops;
}
