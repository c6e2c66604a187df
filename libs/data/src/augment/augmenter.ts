/**
 * Training-set augmentation, applied to each training batch from a seeded stream (one per epoch),
 * so a run is repeatable. Shape requirements are checked once, when the data is prepared.
 */
import { UserError, type AugmentationSpec, type Random } from '@ablate/spec';
import type { Batch } from '../batches/batch';
import { beta, centralBox, cropOf, flipHorizontal, flipVertical, gaussian, jitterColours, randomBox, rotate90, shiftCrop, zeroSquare, type ImageView } from './image-ops';
import { resizeImages } from '../preprocess/resize';

export type Augmenter = (batch: Batch, random: Random) => Batch;

/**
 * An augmentation a plug-in adds: applied with probability `p` (default 0.5) to each example of a
 * training batch, in place, drawing its randomness from `random` only, so that runs repeat.
 */
export interface PluginAugmentation {
  /** `image`: the examples must be [height, width, channels]; `any`: vectors too. */
  needs: 'image' | 'any';
  /** Checked once when the data is prepared: throw a UserError for a shape it cannot take. */
  check?: (params: Record<string, unknown>, exampleShape: readonly number[]) => void;
  apply: (example: Float32Array, shape: readonly number[], params: Record<string, unknown>, random: Random) => void;
}

const pluginAugmentations = new Map<string, PluginAugmentation>();

export function registerAugmentation(type: string, augmentation: PluginAugmentation): void {
  pluginAugmentations.set(type, augmentation);
}

export function unregisterAugmentation(type: string): void {
  pluginAugmentations.delete(type);
}

const SPATIAL = new Set(['flip', 'rot90', 'random_crop', 'cutout', 'random_resized_crop', 'color_jitter', 'random_erasing']);

export function makeAugmenter(specs: readonly AugmentationSpec[] | undefined, exampleShape: number[], dtype: 'float32' | 'int32'): Augmenter | undefined {
  if (!specs || specs.length === 0) return undefined;
  if (dtype === 'int32') throw new UserError('augmentation needs float inputs; these examples are token ids.', { hint: 'Remove `augmentation:`.' });
  for (const spec of specs) {
    const plugin = pluginAugmentations.get(spec.type);
    if ((SPATIAL.has(spec.type) || plugin?.needs === 'image') && exampleShape.length !== 3) {
      throw new UserError(`augmentation "${spec.type}" needs images or patches [height, width, channels]; the examples are ${JSON.stringify(exampleShape)}.`, { hint: 'Use gaussian_noise or mixup for vectors, or add `patches` for a scene.' });
    }
    if (spec.type === 'rot90' && exampleShape[0] !== exampleShape[1]) {
      throw new UserError(`rot90 needs square examples; these are ${exampleShape[0]}x${exampleShape[1]}.`, { hint: 'Use flip instead.' });
    }
    plugin?.check?.(spec as unknown as Record<string, unknown>, exampleShape);
  }
  const [h, w, c] = exampleShape.length === 3 ? exampleShape : [1, 1, exampleShape.reduce((a, b) => a * b, 1)];
  const size = h * w * c;
  return (batch, random) => {
    const x = Float32Array.from(batch.x);
    const n = batch.y.length;
    let mix: Batch['mix'];
    for (const spec of specs) {
      if (spec.type === 'mixup') {
        const lambda = beta(spec.alpha, random);
        const partner = Int32Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [partner[i], partner[j]] = [partner[j], partner[i]];
        }
        const source = Float32Array.from(x);
        for (let i = 0; i < n; i++) for (let k = 0; k < size; k++) x[i * size + k] = lambda * source[i * size + k] + (1 - lambda) * source[partner[i] * size + k];
        mix = { y2: Int32Array.from(partner, (p) => batch.y[p]), lambda };
        continue;
      }
      const plugin = pluginAugmentations.get(spec.type);
      if (plugin) {
        const params = spec as unknown as Record<string, unknown>;
        const p = typeof params.p === 'number' ? params.p : 0.5;
        for (let i = 0; i < n; i++) if (random() < p) plugin.apply(x.subarray(i * size, (i + 1) * size), exampleShape, params, random);
        continue;
      }
      for (let i = 0; i < n; i++) {
        const view: ImageView = { x, offset: i * size, h, w, c };
        const p = 'p' in spec ? ((spec.p as number | undefined) ?? 0.5) : 1;
        const apply = random() < p;
        switch (spec.type) {
          case 'flip':
            if (apply && (spec.horizontal ?? true) && random() < 0.5) flipHorizontal(view);
            if (apply && (spec.vertical ?? false) && random() < 0.5) flipVertical(view);
            break;
          case 'rot90': {
            const k = 1 + Math.floor(random() * 3);
            if (apply) rotate90(view, k);
            break;
          }
          case 'random_crop': {
            const dy = Math.floor(random() * (2 * spec.padding + 1));
            const dx = Math.floor(random() * (2 * spec.padding + 1));
            shiftCrop(view, spec.padding, dy, dx);
            break;
          }
          case 'gaussian_noise':
            if (apply) for (let k = 0; k < size; k++) x[i * size + k] += spec.std * gaussian(random);
            break;
          case 'cutout': {
            const cy = Math.floor(random() * h);
            const cx = Math.floor(random() * w);
            if (apply) zeroSquare(view, spec.size, cy, cx);
            break;
          }
          case 'random_resized_crop': {
            const ratio = spec.ratio ?? [0.75, 4 / 3];
            const box = randomBox(h, w, spec.scale ?? [0.08, 1], ratio, random) ?? centralBox(h, w, ratio);
            x.set(resizeImages(cropOf(view, box), 1, [box[2], box[3], c], [h, w], 'bilinear'), i * size);
            break;
          }
          case 'color_jitter': {
            const factor = (range: number | undefined) => (range ? Math.max(0, 1 - range) + (1 + range - Math.max(0, 1 - range)) * random() : 1);
            const [b, ct, s] = [factor(spec.brightness), factor(spec.contrast), factor(spec.saturation)];
            if (apply) jitterColours(view, b, ct, s);
            break;
          }
          case 'random_erasing': {
            const box = randomBox(h, w, spec.scale ?? [0.02, 0.33], spec.ratio ?? [0.3, 3.3], random);
            if (apply && box) for (let r = 0; r < box[2]; r++) x.fill(spec.value ?? 0, i * size + ((box[0] + r) * w + box[1]) * c, i * size + ((box[0] + r) * w + box[1] + box[3]) * c);
            break;
          }
        }
      }
    }
    return { ...batch, x, ...(mix ? { mix } : {}) };
  };
}
