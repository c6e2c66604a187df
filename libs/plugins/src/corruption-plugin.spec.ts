/**
 * A plug-in corruption (experiments/plugins/robustness-components.ts) as robustness evaluation
 * applies it: written in YAML like a built-in, one condition per level under the parameter it
 * names (`salt_and_pepper@amount=0.1`), each example corrupted from its own seeded stream.
 */
import { join } from 'node:path';
import { makeCorruptions } from '@ablate/data';
import { clearExtensions, corruptionConditions, loadPlugins, validatorFor, type CorruptionSpec } from '@ablate/spec';
import './host';

const ROOT = join(__dirname, '..', '..', '..');

describe('a plug-in corruption', () => {
  beforeAll(() => {
    clearExtensions();
    loadPlugins([{ file: join(ROOT, 'experiments', 'plugins', 'robustness-components.ts'), shown: 'experiments/plugins/robustness-components.ts' }]);
  });

  const spec = { type: 'salt_and_pepper', amount: [0.1, 0.5] } as unknown as CorruptionSpec;

  it('gives one condition per level, named by its level parameter, and is validated like a built-in', () => {
    expect(corruptionConditions([spec]).map((c) => c.key)).toEqual(['salt_and_pepper@amount=0.1', 'salt_and_pepper@amount=0.5']);
    const validate = validatorFor('experiment');
    const experiment = (corruption: unknown) => ({ dataset: { type: 'fashion_mnist' }, model: { layers: [{ type: 'flatten' }] }, optimizer: { type: 'adam' }, training: { epochs: 1, batch_size: 8 }, evaluation: { corruptions: [corruption] } });
    expect(validate(experiment(spec))).toBe(true);
    expect(validate(experiment({ type: 'salt_and_pepper', amout: 0.1 }))).toBe(false);
  });

  it("replaces about its amount of each example's values by the example's extremes, the same way every time", () => {
    const [, strong] = makeCorruptions([spec], [20, 20, 1], 7);
    const batch = () => ({ x: Float32Array.from({ length: 2 * 400 }, (_, i) => 0.25 + (i % 7) / 28), shape: [2, 20, 20, 1], y: new Int32Array(2), items: Int32Array.from([3, 9]) });
    const out = strong.apply(batch()).x;
    const lo = 0.25;
    const hi = 0.25 + 6 / 28;
    const changed = Array.from(out).filter((v, i) => v !== batch().x[i]).length;
    expect(changed / out.length).toBeGreaterThan(0.15);
    expect(changed / out.length).toBeLessThan(0.5);
    expect(Array.from(out).every((v, i) => v === batch().x[i] || Math.abs(v - lo) < 1e-7 || Math.abs(v - hi) < 1e-7)).toBe(true);
    expect(Array.from(strong.apply(batch()).x)).toEqual(Array.from(out));
  });
});
