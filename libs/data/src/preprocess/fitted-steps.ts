/**
 * The preprocessing of examples once fitted, as data: what training applies to every batch, and
 * what an exported model carries (preprocessing.json) so that a program outside ablate prepares
 * raw inputs exactly as the trial did. Each step works on n examples, flat and channels last.
 */
import { affine } from './channel-stats';
import { project } from './pca';
import { centerCrop, resizeImages, type ResizeMethod } from './resize';
import { pluginStep } from './plugin-steps';

export type FittedStep =
  /** x * scale + shift, per channel (scale, standardize, minmax, normalize). */
  | { type: 'affine'; scale: number[]; shift: number[] }
  /** (x - mean) projected on the components ([features, k], row-major) of the flattened example. */
  | { type: 'pca'; features: number; mean: number[]; components: number[] }
  /** Images [h, w, c] zero-padded, centred, to [H, W]. */
  | { type: 'pad'; from: number[]; to: number[] }
  | { type: 'resize'; from: number[]; to: number[]; method: ResizeMethod }
  | { type: 'center_crop'; from: number[]; to: number[] }
  /** A plug-in's step: its parameters and what it fitted, for the plug-in to apply (`from`: one example's shape before it). */
  | { type: 'plugin'; name: string; params: Record<string, unknown>; state: unknown; from: number[] };

function pad(x: Float32Array, n: number, [h, w, c]: readonly number[], [H, W]: readonly number[]): Float32Array {
  const top = Math.floor((H - h) / 2);
  const left = Math.floor((W - w) / 2);
  const out = new Float32Array(n * H * W * c);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < h; r++) out.set(x.subarray((i * h + r) * w * c, (i * h + r + 1) * w * c), ((i * H + top + r) * W + left) * c);
  }
  return out;
}

/** One fitted step on n examples (an affine step writes into `x`). */
export function applyFittedStep(step: FittedStep, x: Float32Array, n: number): Float32Array {
  switch (step.type) {
    case 'affine':
      return affine(x, step.scale, step.shift);
    case 'pca':
      return project({ mean: Float64Array.from(step.mean), components: Float64Array.from(step.components), explained: [], count: 0 }, x, step.features);
    case 'pad':
      return pad(x, n, step.from, step.to);
    case 'resize':
      return resizeImages(x, n, step.from, step.to, step.method);
    case 'center_crop':
      return centerCrop(x, n, step.from, step.to);
    case 'plugin': {
      const plugin = pluginStep(step.name);
      if (!plugin) throw new Error(`the preprocessing step "${step.name}" comes from a plug-in that is not loaded here: load the plug-in (an exported model's loader bundles it)`);
      return plugin.apply(step.params, step.state, x, n, step.from);
    }
  }
}

/** Every step in order on n raw examples (converted to float32 first). */
export function applyFittedSteps(raw: ArrayLike<number>, n: number, steps: readonly FittedStep[]): Float32Array {
  let x: Float32Array = Float32Array.from(raw);
  for (const step of steps) x = applyFittedStep(step, x, n);
  return x;
}
