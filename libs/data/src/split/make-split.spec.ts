import type { ExampleDataset, SceneDataset } from '../datasets/dataset';
import { makeSplit } from './make-split';

/** SYNTHETIC: 5 classes of 40, 40, 40, 40 and 6 examples. */
const sizes = [40, 40, 40, 40, 6];
const labels = Int32Array.from(sizes.flatMap((n, c) => Array(n).fill(c)));
const examples: ExampleDataset = { kind: 'examples', shape: [1], x: new Float32Array(labels.length), y: labels, dtype: 'float32', classes: 5, classNames: ['a', 'b', 'c', 'd', 'e'], files: [] };
const count = (items: Int32Array, c: number) => Array.from(items).filter((i) => labels[i] === c).length;

describe('makeSplit', () => {
  it('takes a fixed number per class, half of the smaller classes, and the rest for test', () => {
    const parts = makeSplit(examples, { type: 'per_class', train: 20 }, 1);
    expect([0, 1, 2, 3, 4].map((c) => count(parts.train, c))).toEqual([20, 20, 20, 20, 3]);
    expect(parts.train.length + parts.test.length).toBe(labels.length);
    expect(new Set([...parts.train, ...parts.test]).size).toBe(labels.length);
  });

  it('stratifies a ratio split and carves the validation part from training', () => {
    const parts = makeSplit(examples, { type: 'ratio', train: 0.5, val: 0.25 }, 1);
    expect([0, 1, 2, 3, 4].map((c) => count(parts.train, c) + count(parts.val, c))).toEqual([20, 20, 20, 20, 3]);
    expect(count(parts.val, 0)).toBe(5);
    expect(parts.train.every((i, k) => k === 0 || i > parts.train[k - 1])).toBe(true);
  });

  it('is the same for the same seed and different for another; split.seed fixes it across seeds', () => {
    const a = makeSplit(examples, { type: 'ratio', train: 0.3 }, 7);
    expect(makeSplit(examples, { type: 'ratio', train: 0.3 }, 7)).toEqual(a);
    expect(makeSplit(examples, { type: 'ratio', train: 0.3 }, 8).train).not.toEqual(a.train);
    expect(makeSplit(examples, { type: 'ratio', train: 0.3, seed: 3 }, 8)).toEqual(makeSplit(examples, { type: 'ratio', train: 0.3, seed: 3 }, 9));
  });

  it('limits parts to a stratified subset', () => {
    const parts = makeSplit(examples, { type: 'ratio', train: 0.5, limit: { train: 50 } }, 1);
    expect(parts.train.length).toBe(50);
    expect(count(parts.train, 0)).toBe(12);
  });

  it('asks for a split when the dataset has no predefined parts', () => {
    expect(() => makeSplit(examples, undefined, 1)).toThrow(/has no `split:`/);
    expect(() => makeSplit(examples, { type: 'given' }, 1)).toThrow(/no predefined train\/test parts/);
  });

  it('keeps whole blocks of a scene on one side of a spatial split', () => {
    const side = 20;
    const scene: SceneDataset = {
      kind: 'scene', rows: side, cols: side, bands: 1, cube: new Float32Array(side * side), classIds: [1, 2], classes: 2, classNames: ['x', 'y'], files: [],
      labels: Int32Array.from({ length: side * side }, (_, p) => (p % side) % 2),
    };
    const parts = makeSplit(scene, { type: 'spatial', train: 0.5, block: 5 }, 2);
    const block = (p: number) => Math.floor(Math.floor(p / side) / 5) * 4 + Math.floor((p % side) / 5);
    const trainBlocks = new Set(Array.from(parts.train, block));
    expect(Array.from(parts.test).some((p) => trainBlocks.has(block(p)))).toBe(false);
    expect(trainBlocks.size).toBe(8);
  });
});
