/**
 * Train / validation / test parts of a dataset, all from the split seed (the trial seed unless
 * `split.seed` fixes it). Parts are item indices (examples, or pixels of a scene), sorted.
 */
import { listOf, stream, UserError, type SplitSpec } from '@ablate/spec';
import type { Dataset } from '../datasets/dataset';
import { byClass, shuffle, sorted, stratified, stratifiedSubset } from './sampling';
import { unhandled } from '../unhandled';

export interface Parts {
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
}

function labelled(dataset: Dataset): { items: Int32Array; labelOf: (i: number) => number } {
  if (dataset.kind !== 'scene') return { items: Int32Array.from(dataset.y.keys()), labelOf: (i) => dataset.y[i] };
  return { items: Int32Array.from(Array.from(dataset.labels.keys()).filter((p) => dataset.labels[p] >= 0)), labelOf: (p) => dataset.labels[p] };
}

function noGiven(): never {
  throw new UserError('this dataset has no predefined train/test parts, so `split: {type: given}` has nothing to use.', {
    hint: 'Use a random split, e.g. split: {type: ratio, train: 0.1} or split: {type: per_class, train: 20}.',
  });
}

function spatialBlocks(dataset: Dataset, items: Int32Array, block: number): Map<number, number[]> {
  if (dataset.kind !== 'scene') throw new UserError('a spatial split needs a scene (hyperspectral image); this dataset is a set of separate examples.', { hint: 'Use ratio or per_class.' });
  const across = Math.ceil(dataset.cols / block);
  const blocks = new Map<number, number[]>();
  for (const p of items) {
    const id = Math.floor(Math.floor(p / dataset.cols) / block) * across + Math.floor((p % dataset.cols) / block);
    if (!blocks.has(id)) blocks.set(id, []);
    (blocks.get(id) as number[]).push(p);
  }
  return blocks;
}

export function makeSplit(dataset: Dataset, spec: SplitSpec | undefined, trialSeed: number): Parts {
  if (dataset.classes === 0) {
    throw new UserError('the dataset has no labels, so no trial can train on it.', {
      hint:
        dataset.kind === 'scene'
          ? 'Add `labels:` (its ground truth) to train; a cube without labels is for `ablate predict --data` to map.'
          : dataset.kind === 'text'
            ? 'Give a table with a label column (or class folders) to train; a .txt file or a table with `label_column: null` holds texts for `ablate predict --data` to label.'
            : 'Give the labels of the examples.',
    });
  }
  const random = stream(spec?.seed ?? trialSeed, 'split');
  const { items, labelOf } = labelled(dataset);
  const classes = dataset.classes;
  const split = spec ?? (dataset.given ? ({ type: 'given' } as SplitSpec) : undefined);
  if (!split) {
    throw new UserError('the experiment has no `split:` and this dataset has no predefined train/test parts.', {
      hint: 'Add one, e.g. split: {type: per_class, train: 20, val: 5} or split: {type: ratio, train: 0.1}.',
    });
  }
  let train: Int32Array;
  let test: Int32Array;
  let givenVal: Int32Array | undefined;
  switch (split.type) {
    case 'given':
      if (!dataset.given) noGiven();
      ({ train, test } = dataset.given);
      // The dataset's own validation part, unless `val:` asks for one carved from train.
      if (split.val === undefined && dataset.kind === 'examples') givenVal = dataset.given.val;
      break;
    case 'ratio':
      if (split.stratified === false) {
        const all = shuffle(Int32Array.from(items), random);
        const k = Math.round(all.length * split.train);
        [train, test] = [sorted(all.subarray(0, k)), sorted(all.subarray(k))];
      } else {
        [train, test] = stratified(byClass(items, labelOf, classes), (n) => Math.round(n * split.train), random);
      }
      break;
    case 'per_class':
      [train, test] = stratified(byClass(items, labelOf, classes), (n) => Math.min(split.train, Math.floor(n / 2)), random);
      break;
    case 'spatial': {
      const blocks = [...spatialBlocks(dataset, items, split.block).values()];
      const order = shuffle(Int32Array.from(blocks.keys()), random);
      const k = Math.round(blocks.length * split.train);
      train = sorted(Array.from(order.subarray(0, k)).flatMap((b) => blocks[b]));
      test = sorted(Array.from(order.subarray(k)).flatMap((b) => blocks[b]));
      break;
    }
    default:
      unhandled(split);
  }
  let val: Int32Array = givenVal ?? new Int32Array(0);
  if (split.val !== undefined && split.val > 0) {
    const v = split.val;
    [val, train] = stratified(byClass(train, labelOf, classes), (n) => Math.min(n - 1, v < 1 ? Math.round(n * v) : v), random);
  }
  const limit = split.limit ?? {};
  const parts: Parts = {
    train: limit.train ? stratifiedSubset(train, labelOf, classes, limit.train, random) : train,
    val: limit.val ? stratifiedSubset(val, labelOf, classes, limit.val, random) : val,
    test: limit.test ? stratifiedSubset(test, labelOf, classes, limit.test, random) : test,
  };
  const missing = byClass(parts.train, labelOf, classes).flatMap((g, c) => (g.length === 0 ? [dataset.classNames[c]] : []));
  if (missing.length > 0) {
    throw new UserError(`the ${split.type} split leaves no training example for ${listOf(missing)}.`, {
      hint: split.type === 'spatial' ? 'Use smaller blocks or a larger train fraction.' : 'Use a larger train fraction or count (or a larger limit).',
    });
  }
  return parts;
}
