import { Type } from '@sinclair/typebox';
import { bool, closed, intOrTuple } from '../primitives';
import { PADDING } from './options';

function pool(kind: 'max' | 'average', rank: 1 | 2 | 3) {
  return closed(
    {
      pool: intOrTuple({ minimum: 1, maxItems: 3, description: 'Window size.' }),
      strides: Type.Optional(intOrTuple({ minimum: 1, maxItems: 3, description: 'Default: the window size.' })),
      padding: Type.Optional(PADDING),
    },
    { description: `${rank}-D ${kind} pooling.` },
  );
}

function globalPool(kind: 'max' | 'average') {
  return closed(
    { keepdims: Type.Optional(bool({ default: false })) },
    { description: `Global ${kind} pooling over every spatial axis (rank taken from the input).` },
  );
}

export const POOLING_LAYERS = {
  max_pool1d: pool('max', 1),
  max_pool2d: pool('max', 2),
  max_pool3d: pool('max', 3),
  avg_pool1d: pool('average', 1),
  avg_pool2d: pool('average', 2),
  avg_pool3d: pool('average', 3),
  global_avg_pool: globalPool('average'),
  global_max_pool: globalPool('max'),
};
