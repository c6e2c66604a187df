/**
 * Every augmentation and corruption of the language's catalogs has an implementation that does its
 * work (the augmenter's switch is exhaustive for tsc; the corruptions branch on their type): from
 * the smallest spec the schema accepts, each changes a batch of images, and the same seed changes
 * it the same way.
 */
import { AUGMENTATION_CATALOG, CORRUPTION_CATALOG, stream, withDefaults, type AugmentationSpec, type CorruptionSpec } from '@ablate/spec';
import { makeAugmenter } from './augment/augmenter';
import { makeCorruptions } from './corrupt/corruptions';

/** The required fields without a default, at values the schema accepts; `p: 1` where there is one, so every example changes. */
const REQUIRED: Record<string, Record<string, unknown>> = {
  random_crop: { padding: 2 },
  gaussian_noise: { std: 0.5 },
  cutout: { size: 3 },
  mixup: { alpha: 0.4 },
  color_jitter: { brightness: 0.5 },
  band_dropout: { fraction: 0.5 },
  occlusion: { size: 3 },
};

const SHAPE = [8, 8, 3];
// Eight images, so that a flip taken with chance 1/2 per image happens to some.
const batch = () => ({ x: Float32Array.from({ length: 8 * 192 }, (_, i) => ((i * 7) % 13) / 13 + 0.1), shape: [8, ...SHAPE], y: Int32Array.from([0, 1, 2, 3, 0, 1, 2, 3]), items: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]) });
const changed = (a: Float32Array, b: Float32Array) => a.some((v, i) => v !== b[i]);

describe('the catalogs and their implementations', () => {
  it.each(Object.keys(AUGMENTATION_CATALOG))('augmentation %s changes images, the same way from the same seed', (type) => {
    const properties = (AUGMENTATION_CATALOG as unknown as Record<string, { properties: Record<string, unknown> }>)[type].properties;
    const given = { type, ...(REQUIRED[type] ?? {}), ...('p' in properties ? { p: 1 } : {}) };
    const [spec] = withDefaults({ augmentation: [given] as unknown as AugmentationSpec[] }).augmentation as AugmentationSpec[];
    const augment = makeAugmenter([spec], SHAPE, 'float32') as NonNullable<ReturnType<typeof makeAugmenter>>;
    const once = augment(batch(), stream(3, 'augment'));
    expect(changed(once.x as Float32Array, batch().x)).toBe(true);
    expect(Array.from(augment(batch(), stream(3, 'augment')).x)).toEqual(Array.from(once.x));
  });

  it.each(Object.keys(CORRUPTION_CATALOG))('corruption %s changes test images at its level, the same way every time', (type) => {
    // gaussian_noise is a corruption by its SNR, an augmentation by its std.
    const given = { type, ...(type === 'gaussian_noise' ? { snr_db: 10 } : REQUIRED[type]) };
    const [corruption] = makeCorruptions([given as unknown as CorruptionSpec], SHAPE, 5);
    const once = corruption.apply(batch()).x;
    expect(changed(once as Float32Array, batch().x)).toBe(true);
    expect(Array.from(corruption.apply(batch()).x)).toEqual(Array.from(once));
  });
});
