/** `preprocessing:` steps, applied in order; statistics are fitted on the training split unless `fit: all`. */
import { Type } from '@sinclair/typebox';
import { bool, choice, closed, int, intList, num } from './primitives';
import { taggedUnion } from './tagged-union';

const FIT = { fit: Type.Optional(choice(['train', 'all'] as const, { default: 'train', description: 'Which pixels/examples the statistics come from.' })) };

export const PREPROCESSING_CATALOG = {
  scale: closed({ factor: num({ description: 'Multiply every value, e.g. 0.00392156862745098 (1/255).' }) }),
  standardize: closed({ ...FIT }, { description: 'Zero mean, unit variance per channel (per band for a scene).' }),
  minmax: closed({ ...FIT }, { description: 'Scale each channel to [0, 1].' }),
  normalize: closed(
    { mean: Type.Array(num(), { minItems: 1 }), std: Type.Array(num({ exclusiveMinimum: 0 }), { minItems: 1 }) },
    { description: 'Fixed per-channel (x - mean) / std, e.g. the ImageNet statistics.' },
  ),
  pca: closed(
    { components: int({ minimum: 1 }), whiten: Type.Optional(bool({ default: false })), ...FIT },
    { description: 'Principal components of the spectra (a scene) or of the flattened examples.' },
  ),
  patches: closed(
    {
      size: int({ minimum: 1, description: 'Odd window side, e.g. 25 for HybridSN.' }),
      padding: Type.Optional(choice(['zero', 'reflect'] as const, { default: 'zero' })),
    },
    { description: 'Scene only: one [size, size, bands] window centred on each labelled pixel, gathered per batch.' },
  ),
  resize: closed(
    {
      size: Type.Union([int({ minimum: 1 }), intList({ minimum: 1, minItems: 2 })], { description: '[height, width] after resizing, or one side for a square, e.g. 64 or [224, 224].' }),
      method: Type.Optional(
        choice(['bilinear', 'nearest', 'area'] as const, {
          default: 'bilinear',
          description: "bilinear: antialiased when shrinking, as torchvision's Resize (antialias=True) and PIL; nearest: the pixel under each centre; area: the mean of the pixels each output pixel covers.",
        }),
      ),
    },
    { description: 'Images only: resize each image, in each batch (the examples stay at their size in memory).' },
  ),
  center_crop: closed(
    { size: Type.Union([int({ minimum: 1 }), intList({ minimum: 1, minItems: 2 })], { description: '[height, width] of the central crop, or one side.' }) },
    { description: "Images only: the central part of each image, as torchvision's CenterCrop." },
  ),
  pad: closed(
    { to: intList({ minimum: 1, minItems: 2, description: '[height, width] after zero padding, e.g. [32, 32].' }) },
    { description: 'Images only: zero-pad each image, centred, to a size.' },
  ),
};

export const PreprocessingSchema = taggedUnion('preprocessing step', PREPROCESSING_CATALOG);
