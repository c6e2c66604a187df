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
};

export const AugmentationSchema = taggedUnion('augmentation', AUGMENTATION_CATALOG);
