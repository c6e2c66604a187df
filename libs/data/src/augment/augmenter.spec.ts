/**
 * The image augmentations of torchvision's recipes, on SYNTHETIC 8x8 RGB images: repeatable from the
 * same stream, the identity at their neutral settings, and their documented effect otherwise.
 */
import { stream } from '@ablate/spec';
import type { Batch } from '../batches/batch';
import { makeAugmenter } from './augmenter';

const [H, W, C] = [8, 8, 3];
const batch = (n = 4): Batch => ({ x: Float32Array.from({ length: n * H * W * C }, (_, i) => ((i * 37) % 101) / 100), y: new Int32Array(n) }) as Batch;
const run = (specs: object[], seed = 1, input = batch()) => makeAugmenter(specs as never, [H, W, C], 'float32')?.(input, stream(seed, 'augment', '0')) as Batch;

describe('image augmentations', () => {
  it.each([
    ['random_resized_crop', { type: 'random_resized_crop' }],
    ['color_jitter', { type: 'color_jitter', brightness: 0.4, contrast: 0.4, saturation: 0.4, p: 1 }],
    ['random_erasing', { type: 'random_erasing', p: 1 }],
  ])('%s repeats itself from the same stream and changes the images', (_, spec) => {
    const input = batch();
    const [a, b, c] = [run([spec], 1, input), run([spec], 1, input), run([spec], 2, input)];
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true);
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(input.x.buffer))).toBe(false);
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(c.x.buffer))).toBe(false);
  });

  it('is the identity at neutral settings: the whole image, and jitter factors of 1', () => {
    const input = batch();
    const whole = run([{ type: 'random_resized_crop', scale: [1, 1], ratio: [1, 1] }], 1, input);
    expect(Array.from(whole.x).every((v, i) => Math.abs(v - input.x[i]) < 1e-6)).toBe(true);
    const neutral = run([{ type: 'color_jitter', p: 1 }], 1, input);
    expect(Buffer.from(neutral.x.buffer).equals(Buffer.from(input.x.buffer))).toBe(true);
  });

  it('brightness multiplies every value by one factor in [1 - b, 1 + b] per image', () => {
    const input = batch(1);
    const out = run([{ type: 'color_jitter', brightness: 0.5, p: 1 }], 3, input);
    const factors = Array.from(out.x).map((v, i) => (input.x[i] === 0 ? undefined : v / input.x[i])).filter((f): f is number => f !== undefined);
    expect(Math.max(...factors) - Math.min(...factors)).toBeLessThan(1e-5);
    expect(factors[0]).toBeGreaterThanOrEqual(0.5);
    expect(factors[0]).toBeLessThanOrEqual(1.5);
  });

  it('random erasing sets one rectangle of 2% to 33% of each image to the value', () => {
    const out = run([{ type: 'random_erasing', p: 1, value: -7 }], 5, batch(8));
    for (let i = 0; i < 8; i++) {
      const erased = Array.from(out.x.subarray(i * H * W * C, (i + 1) * H * W * C)).filter((v) => v === -7).length / C;
      expect(erased / (H * W)).toBeGreaterThan(0);
      expect(erased / (H * W)).toBeLessThanOrEqual(0.34);
    }
  });

  it('refuses vectors', () => {
    expect(() => makeAugmenter([{ type: 'random_resized_crop' }] as never, [10], 'float32')).toThrow(/needs images or patches/);
  });
});
