/**
 * A plug-in augmentation (experiments/plugins/band-scaling.ts) as the training loop applies it:
 * written in YAML like a built-in, its parameters and the `p` every augmentation takes filled with
 * their defaults, applied to the chosen examples only, from the trial's seeded stream.
 */
import { join } from 'node:path';
import { makeAugmenter } from '@ablate/data';
import { clearExtensions, loadPlugins, stream, withDefaults, type AugmentationSpec } from '@ablate/spec';
import './host';

const ROOT = join(__dirname, '..', '..', '..');

describe('a plug-in augmentation', () => {
  beforeAll(() => {
    clearExtensions();
    loadPlugins([{ file: join(ROOT, 'experiments', 'plugins', 'band-scaling.ts'), shown: 'experiments/plugins/band-scaling.ts' }]);
  });

  const batch = () => {
    const x = Float32Array.from({ length: 40 * 6 }, (_, i) => 1 + (i % 6));
    return { x, shape: [40, 6], y: new Int32Array(40), items: Int32Array.from({ length: 40 }, (_, i) => i) };
  };

  it('is filled with its defaults and the chance p that every augmentation takes', () => {
    const config = withDefaults({ augmentation: [{ type: 'band_scaling' }] as unknown as AugmentationSpec[] });
    expect(config.augmentation).toEqual([{ type: 'band_scaling', p: 0.5, amount: 0.1 }]);
  });

  it('scales each chosen example by one factor in [1 - amount, 1 + amount], the others not at all', () => {
    const [spec] = withDefaults({ augmentation: [{ type: 'band_scaling', amount: 0.2 }] as unknown as AugmentationSpec[] }).augmentation as AugmentationSpec[];
    const augment = makeAugmenter([spec], [6], 'float32');
    const out = (augment as NonNullable<typeof augment>)(batch(), stream(7, 'augment'));
    let changed = 0;
    for (let i = 0; i < 40; i++) {
      const row = out.x.subarray(i * 6, (i + 1) * 6);
      const factor = row[0];
      row.forEach((v, k) => expect(v).toBeCloseTo(factor * (k + 1), 5));
      expect(factor).toBeGreaterThanOrEqual(0.8);
      expect(factor).toBeLessThanOrEqual(1.2);
      if (factor !== 1) changed++;
    }
    // p = 0.5: about half of the 40 examples, and the same ones again from the same stream.
    expect(changed).toBeGreaterThan(10);
    expect(changed).toBeLessThan(30);
    const again = (augment as NonNullable<typeof augment>)(batch(), stream(7, 'augment'));
    expect(Buffer.from(again.x.buffer).equals(Buffer.from(out.x.buffer))).toBe(true);
  });

  it('takes p: 1 to apply it to every example', () => {
    const augment = makeAugmenter([{ type: 'band_scaling', p: 1, amount: 0.5 } as unknown as AugmentationSpec], [6], 'float32');
    const out = (augment as NonNullable<typeof augment>)(batch(), stream(3, 'augment'));
    for (let i = 0; i < 40; i++) expect(out.x[i * 6]).not.toBe(1);
  });
});
