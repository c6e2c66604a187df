/** `loss:` what training minimises. Classification losses take logits. */
import { Type } from '@sinclair/typebox';
import { choice, closed, num } from './primitives';
import { taggedUnion } from './tagged-union';

export const LOSS_CATALOG = {
  cross_entropy: closed({
    label_smoothing: Type.Optional(num({ minimum: 0, exclusiveMaximum: 1, default: 0 })),
    class_weights: Type.Optional(
      Type.Union([choice(['none', 'balanced'] as const), Type.Array(num({ minimum: 0 }), { minItems: 1 })], {
        default: 'none',
        description: 'balanced: inverse class frequency of the training split (as DeepHyperX); or one weight per class.',
      }),
    ),
  }),
  mse: closed({}, { description: 'Mean squared error (regression).' }),
  mae: closed({}, { description: 'Mean absolute error (regression).' }),
};

export const LossSchema = taggedUnion('loss', LOSS_CATALOG);
