import { Type } from '@sinclair/typebox';
import { closed, int, intList } from '../primitives';
import { PADDING } from './options';

export const SHAPE_LAYERS = {
  flatten: closed({}, { description: 'Flattens every axis but the batch axis.' }),
  reshape: closed(
    { shape: intList({ description: 'Target shape without the batch axis; one entry may be -1.' }) },
    { description: 'Reshape (batch axis excluded).' },
  ),
  permute: closed(
    { dims: intList({ minimum: 1, description: 'Permutation of the non-batch axes, 1-based as in Keras.' }) },
    { description: 'Reorders the non-batch axes.' },
  ),
  fold_depth: closed(
    {},
    {
      description:
        'HybridSN: folds the depth (spectral) axis of a [H, W, D, C] volume into channels, giving [H, W, D*C] for 2-D convolutions.',
    },
  ),
  zero_pad: closed({ padding: PADDING }, { description: 'Explicit zero padding of the spatial axes.' }),
  repeat_vector: closed({ n: int({ minimum: 1 }) }, { description: 'Repeats a vector n times: [F] -> [n, F].' }),
};

export const MERGE_LAYERS = {
  add: closed({}, { description: 'Element-wise sum of the inputs (residual shortcut).' }),
  subtract: closed({}, { description: 'a - b of its two inputs `[a, b]` (residual learning: DnCNN outputs its input minus the predicted noise).' }),
  multiply: closed({}, { description: 'Element-wise product of the inputs, with broadcasting (squeeze-and-excitation).' }),
  concatenate: closed({ axis: Type.Optional(int({ default: -1 })) }, { description: 'Concatenates the inputs along an axis.' }),
};
