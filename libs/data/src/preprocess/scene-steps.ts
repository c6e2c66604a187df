/**
 * Preprocessing of a scene: per-band scaling and PCA transform the whole cube once (statistics
 * from the training pixels, or every pixel with `fit: all`); `patches` (last) makes each example
 * the window around its pixel, gathered per batch.
 */
import { UserError, type PreprocessingSpec } from '@ablate/spec';
import type { SceneDataset } from '../datasets/dataset';
import { affine, ChannelStats } from './channel-stats';
import { CovarianceAccumulator, project } from './pca';
import { unhandled } from '../unhandled';
import { pluginStep } from './plugin-steps';

export interface PreparedScene {
  cube: Float32Array;
  bands: number;
  patch?: { size: number; padding: 'zero' | 'reflect' };
}

/** The steps as fitted, to apply to another cube of the same bands (`ablate predict` on a new scene). */
export type SceneReplay = (other: SceneDataset) => PreparedScene;

function spectra(cube: Float32Array, bands: number, pixels: ArrayLike<number>): Float32Array {
  const out = new Float32Array(pixels.length * bands);
  for (let i = 0; i < pixels.length; i++) out.set(cube.subarray(pixels[i] * bands, (pixels[i] + 1) * bands), i * bands);
  return out;
}

export function fitSceneSteps(steps: readonly PreprocessingSpec[], scene: SceneDataset, trainPixels: Int32Array): PreparedScene & { replay: SceneReplay } {
  let cube: Float32Array = Float32Array.from(scene.cube);
  let bands = scene.bands;
  let patch: PreparedScene['patch'];
  // Each step as fitted on this scene, applied to a copy of another cube: [cube, bands] -> [cube, bands].
  const fitted: Array<(other: Float32Array) => Float32Array> = [];
  const scaleBy = (scale: ArrayLike<number>, shift: ArrayLike<number>) => {
    affine(cube, scale, shift);
    fitted.push((other) => affine(other, scale, shift));
  };
  const all = { length: scene.rows * scene.cols };
  const fitPixels = (fit: 'train' | 'all' | undefined) => (fit === 'all' ? Int32Array.from(all, (_, i) => i) : trainPixels);
  steps.forEach((step, i) => {
    if (patch) throw new UserError(`\`patches\` must be the last preprocessing step; "${step.type}" comes after it.`, { hint: 'Move the per-band steps and pca before patches.' });
    if (pluginStep(step.type)) throw new UserError(`the plug-in preprocessing step "${step.type}" applies to datasets of separate examples; this one is a scene.`, { hint: 'Use the built-in per-band steps, pca and patches for a scene.' });
    switch (step.type) {
      case 'scale':
        scaleBy([step.factor], [0]);
        break;
      case 'normalize':
        if (step.mean.length !== bands) throw new UserError(`normalize has ${step.mean.length} means for ${bands} bands.`, { hint: 'Give one mean and std per band, or use standardize.' });
        scaleBy(step.std.map((s) => 1 / s), step.mean.map((m, k) => -m / step.std[k]));
        break;
      case 'standardize':
      case 'minmax': {
        const stats = new ChannelStats(bands);
        stats.add(spectra(cube, bands, fitPixels(step.fit)));
        const mean = stats.mean();
        const std = stats.std();
        if (step.type === 'standardize') scaleBy(std.map((s) => 1 / s), mean.map((m, k) => -m / std[k]));
        else {
          const scale = stats.max.map((mx, k) => (mx > stats.min[k] ? 1 / (mx - stats.min[k]) : 1));
          scaleBy(scale, stats.min.map((mn, k) => -mn * scale[k]));
        }
        break;
      }
      case 'pca': {
        if (step.components > bands) throw new UserError(`pca keeps ${step.components} components of ${bands} bands.`, { hint: `Use at most ${bands}.` });
        const acc = new CovarianceAccumulator(bands);
        acc.add(spectra(cube, bands, fitPixels(step.fit)));
        const model = acc.fit(step.components, step.whiten ?? false);
        const from = bands;
        cube = project(model, cube, bands);
        fitted.push((other) => project(model, other, from));
        bands = step.components;
        break;
      }
      case 'patches':
        if (step.size % 2 === 0) throw new UserError(`patches of size ${step.size}: the window must be odd to centre on its pixel.`, { hint: `Use ${step.size - 1} or ${step.size + 1}.` });
        patch = { size: step.size, padding: step.padding ?? 'zero' };
        break;
      case 'pad':
      case 'resize':
      case 'center_crop':
        throw new UserError(`\`${step.type}\` applies to images; for a scene, \`patches\` chooses the window and its padding.`, { hint: `Remove step ${i + 1} (${step.type}).` });
      default:
        unhandled(step);
    }
  });
  const trained = { bands, ...(patch ? { patch } : {}) };
  const replay: SceneReplay = (other) => {
    if (other.bands !== scene.bands) {
      throw new UserError(`the new scene has ${other.bands} bands; the trial's model was trained on a scene of ${scene.bands} bands.`, { hint: 'Give a cube of the same sensor and bands (the same `bands:` selection as the trial\'s dataset).' });
    }
    return { ...trained, cube: fitted.reduce<Float32Array>((c, apply) => apply(c), Float32Array.from(other.cube)) };
  };
  return { cube, ...trained, replay };
}
