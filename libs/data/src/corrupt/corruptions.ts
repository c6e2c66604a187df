/**
 * Test-time corruptions for robustness studies, applied to the test examples as the model sees
 * them (after preprocessing), without retraining. Each example's corruption comes from a stream
 * named after the condition and the example, so it does not depend on batching.
 */
import { corruptionConditions, stream, UserError, type CorruptionSpec } from '@ablate/spec';
import type { Batch } from '../batches/batch';
import { gaussian, zeroSquare } from '../augment/image-ops';

export interface Corruption {
  /** `gaussian_noise@snr_db=20` — the key results are recorded under. */
  key: string;
  type: string;
  level: number;
  apply(batch: Batch): Batch;
}

/** A plug-in's corruption of one example in place, at one level, from a seeded stream. */
export type CorruptExample = (example: Float32Array, shape: readonly number[], level: number, params: Record<string, unknown>, random: () => number) => void;
const pluginCorruptions = new Map<string, CorruptExample>();

export function registerCorruption(name: string, corrupt: CorruptExample): void {
  if (pluginCorruptions.has(name)) throw new Error(`a corruption "${name}" is already registered`);
  pluginCorruptions.set(name, corrupt);
}

export function makeCorruptions(specs: readonly CorruptionSpec[] | undefined, exampleShape: number[], seed: number): Corruption[] {
  const out: Corruption[] = [];
  const size = exampleShape.reduce((a, b) => a * b, 1);
  const channels = exampleShape[exampleShape.length - 1];
  if ((specs ?? []).some((spec) => spec.type === 'occlusion') && exampleShape.length !== 3) {
    throw new UserError(`occlusion needs images or patches [height, width, channels]; the examples are ${JSON.stringify(exampleShape)}.`, { hint: 'Use gaussian_noise or band_dropout for vectors.' });
  }
  for (const { spec, level, key } of corruptionConditions(specs)) {
    const apply = (batch: Batch): Batch => {
      const x = Float32Array.from(batch.x);
      batch.items.forEach((item, i) => {
        const random = stream(seed, 'corrupt', key, String(item));
        const view = x.subarray(i * size, (i + 1) * size);
        const plugin = pluginCorruptions.get(spec.type);
        if (plugin) {
          plugin(view, exampleShape, level, spec as unknown as Record<string, unknown>, random);
        } else if (spec.type === 'gaussian_noise') {
          const power = view.reduce((a, v) => a + v * v, 0) / size;
          const sigma = Math.sqrt(power / 10 ** (level / 10));
          for (let k = 0; k < size; k++) view[k] += sigma * gaussian(random);
        } else if (spec.type === 'band_dropout') {
          const dropped = new Set<number>();
          const count = Math.round(level * channels);
          while (dropped.size < count) dropped.add(Math.floor(random() * channels));
          for (let k = 0; k < size; k++) if (dropped.has(k % channels)) view[k] = 0;
        } else {
          const [h, w] = exampleShape;
          zeroSquare({ x, offset: i * size, h, w, c: channels }, level, Math.floor(random() * h), Math.floor(random() * w));
        }
      });
      return { ...batch, x };
    };
    out.push({ key, type: spec.type, level, apply });
  }
  return out;
}
