/** `split:` how examples are divided into train / validation / test, seeded from the trial seed. */
import { Type } from '@sinclair/typebox';
import { bool, closed, int, num } from './primitives';
import { taggedUnion } from './tagged-union';

const fraction = (description: string) => num({ exclusiveMinimum: 0, exclusiveMaximum: 1, description });
const VAL = {
  val: Type.Optional(
    num({ minimum: 0, description: 'Validation part of the training examples: a fraction (<1) or, per class, a count (>=1).' }),
  ),
};

export const SPLIT_CATALOG = {
  given: closed({ ...VAL }, { description: "The dataset's own train/test sets (Fashion-MNIST, CIFAR-10, masks of a scene)." }),
  ratio: closed(
    { train: fraction('Fraction of labelled examples for training.'), ...VAL, stratified: Type.Optional(bool({ default: true })) },
    { description: 'Random fraction for training; the rest is the test set.' },
  ),
  per_class: closed(
    { train: int({ minimum: 1, description: 'Training examples per class (classes with fewer keep half).' }), ...VAL },
    { description: 'A fixed number of training examples per class, e.g. 20; the rest is the test set.' },
  ),
  spatial: closed(
    {
      train: fraction('Fraction of the scene\'s blocks used for training.'),
      block: int({ minimum: 2, description: 'Side of the square blocks the scene is cut into.' }),
      ...VAL,
    },
    { description: 'Scene only: spatially disjoint train/test regions (whole blocks), so patches do not leak.' },
  ),
};

export const SPLIT_COMMON = {
  seed: Type.Optional(int({ description: 'Fix the split across repeats; default: the trial seed.' })),
  limit: Type.Optional(
    closed(
      { train: Type.Optional(int({ minimum: 1 })), val: Type.Optional(int({ minimum: 1 })), test: Type.Optional(int({ minimum: 1 })) },
      { description: 'Keep at most this many examples per part (a stratified, seeded subset).' },
    ),
  ),
};

export const SplitSchema = taggedUnion('split', SPLIT_CATALOG, SPLIT_COMMON);
