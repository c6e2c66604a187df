import { Type } from '@sinclair/typebox';
import { bool, closed, num } from '../primitives';

export const NORMALIZATION_LAYERS = {
  batch_norm: closed(
    {
      momentum: Type.Optional(
        num({
          minimum: 0,
          maximum: 1,
          default: 0.99,
          description: 'Keras convention: running = momentum*running + (1-momentum)*batch. PyTorch momentum=0.1 is 0.9 here.',
        }),
      ),
      epsilon: Type.Optional(num({ exclusiveMinimum: 0, default: 0.001 })),
      center: Type.Optional(bool({ default: true })),
      scale: Type.Optional(bool({ default: true })),
    },
    { description: 'Batch normalisation over the channel (last) axis.' },
  ),
  layer_norm: closed(
    { epsilon: Type.Optional(num({ exclusiveMinimum: 0, default: 0.001 })) },
    { description: 'Layer normalisation over the last axis.' },
  ),
  dropout: closed({ rate: num({ minimum: 0, exclusiveMaximum: 1 }) }, { description: 'Element-wise dropout (training only).' }),
  spatial_dropout: closed(
    { rate: num({ minimum: 0, exclusiveMaximum: 1 }) },
    { description: 'Drops whole channels (feature maps) of a 1-D, 2-D or 3-D input (training only).' },
  ),
};
