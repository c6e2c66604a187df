/** image_to_image pairs on SYNTHETIC images: clean targets, seeded noise that does not depend on batching. */
import type { Batch } from '../batches/batch';
import { makePairing } from './noisy-pairs';

const SHAPE = [8, 8, 1];
const SIZE = 64;

function batch(items: number[]): Batch {
  const x = new Float32Array(items.length * SIZE);
  items.forEach((item, i) => x.fill(item / 10, i * SIZE, (i + 1) * SIZE));
  return { x, shape: [items.length, ...SHAPE], y: new Int32Array(items.length), items: Int32Array.from(items) };
}

describe('image_to_image pairs', () => {
  const pair = makePairing({ type: 'image_to_image', noise_sigma: 0.5 }, SHAPE, 'float32', 7);

  it('keeps the clean examples as targets and adds noise of the given sigma to the inputs', () => {
    const clean = batch([1, 2, 3, 4]);
    const out = pair?.(clean, 'test') as Batch;
    expect(Array.from(out.values ?? [])).toEqual(Array.from(clean.x));
    const noise = Array.from(out.x, (v, i) => v - clean.x[i]);
    const sd = Math.sqrt(noise.reduce((s, v) => s + v * v, 0) / noise.length);
    expect(sd).toBeGreaterThan(0.4);
    expect(sd).toBeLessThan(0.6);
    expect(Array.from(clean.x.subarray(0, 3))).toEqual([0.1, 0.1, 0.1].map(Math.fround));
  });

  it('gives an example the same noise in any batch, other noise in another stage, and other noise for another seed', () => {
    const whole = pair?.(batch([1, 2, 3, 4]), 'test') as Batch;
    const alone = pair?.(batch([3]), 'test') as Batch;
    expect(Array.from(alone.x)).toEqual(Array.from(whole.x.subarray(2 * SIZE, 3 * SIZE)));
    const nextEpoch = pair?.(batch([3]), 'train:1') as Batch;
    expect(Array.from(nextEpoch.x)).not.toEqual(Array.from(alone.x));
    const otherSeed = makePairing({ type: 'image_to_image', noise_sigma: 0.5 }, SHAPE, 'float32', 8)?.(batch([3]), 'test') as Batch;
    expect(Array.from(otherSeed.x)).not.toEqual(Array.from(alone.x));
  });

  it('is nothing for the other tasks, and refuses examples that are not images', () => {
    expect(makePairing({ type: 'classification' }, SHAPE, 'float32', 1)).toBeUndefined();
    expect(makePairing(undefined, SHAPE, 'float32', 1)).toBeUndefined();
    expect(() => makePairing({ type: 'image_to_image', noise_sigma: 0.1 }, [20], 'float32', 1)).toThrow(/needs images of at least 7x7/);
    expect(() => makePairing({ type: 'image_to_image', noise_sigma: 0.1 }, [8, 8, 1], 'int32', 1)).toThrow(/int32/);
  });
});
