/** `augmentation:` random transformations of training batches only, seeded from the trial seed. */
import { Type } from '@sinclair/typebox';
import { bool, closed, int, num } from './primitives';
import { taggedUnion } from './tagged-union';

const P = { p: Type.Optional(num({ minimum: 0, maximum: 1, default: 0.5, description: 'Probability per example.' })) };

export const AUGMENTATION_CATALOG = {
  flip: closed({ horizontal: Type.Optional(bool({ default: true })), vertical: Type.Optional(bool({ default: false })), ...P }),
  rot90: closed({ ...P }, { description: 'Rotation by a random multiple of 90 degrees (square patches).' }),
  random_crop: closed({ padding: int({ minimum: 1 }) }, { description: 'Zero-pad then crop back at a random offset (CIFAR style).' }),
  gaussian_noise: closed({ std: num({ minimum: 0 }), ...P }),
  cutout: closed({ size: int({ minimum: 1 }), ...P }, { description: 'Zero a random square.' }),
  mixup: closed({ alpha: num({ exclusiveMinimum: 0 }) }, { description: 'Convex combinations of example pairs and their labels.' }),
  random_resized_crop: closed(
    {
      scale: Type.Optional(Type.Array(num({ exclusiveMinimum: 0, maximum: 1 }), { minItems: 2, maxItems: 2, default: [0.08, 1], description: 'Range of the crop\'s area, as a fraction of the image.' })),
      ratio: Type.Optional(Type.Array(num({ exclusiveMinimum: 0 }), { minItems: 2, maxItems: 2, default: [0.75, 1.3333333333333333], description: 'Range of the crop\'s width / height (drawn on a log scale).' })),
    },
    { description: "torchvision's RandomResizedCrop: a random part of each image (area and aspect ratio drawn in the ranges, 10 tries, else the central crop) resized back to the image's size, bilinear." },
  ),
  color_jitter: closed(
    {
      brightness: Type.Optional(num({ minimum: 0, default: 0, description: 'Multiply by a factor in [1 - b, 1 + b].' })),
      contrast: Type.Optional(num({ minimum: 0, default: 0, description: 'Blend with the image\'s mean grey by a factor in [1 - c, 1 + c].' })),
      saturation: Type.Optional(num({ minimum: 0, default: 0, description: 'RGB images: blend with the grey image by a factor in [1 - s, 1 + s].' })),
      ...P,
    },
    { description: 'Random brightness, contrast and saturation, in that order (torchvision\'s ColorJitter without hue; no clipping, so values in [0, 1] stay images of the same kind).' },
  ),
  random_erasing: closed(
    {
      scale: Type.Optional(Type.Array(num({ exclusiveMinimum: 0, maximum: 1 }), { minItems: 2, maxItems: 2, default: [0.02, 0.33], description: 'Range of the erased area, as a fraction of the image.' })),
      ratio: Type.Optional(Type.Array(num({ exclusiveMinimum: 0 }), { minItems: 2, maxItems: 2, default: [0.3, 3.3], description: 'Range of its aspect ratio (log scale).' })),
      value: Type.Optional(num({ default: 0, description: 'The value written over it.' })),
      ...P,
    },
    { description: "torchvision's RandomErasing: a random rectangle of each image set to `value`." },
  ),
};

export const AugmentationSchema = taggedUnion('augmentation', AUGMENTATION_CATALOG);
