/** `evaluation:` what is measured on the test set, and under which test-time corruptions. */
import { Type } from '@sinclair/typebox';
import { closed, int, num } from './primitives';
import { taggedUnion } from './tagged-union';

export const METRIC_NAMES = [
  'oa',
  'aa',
  'kappa',
  'f1_macro',
  'f1_weighted',
  'precision_macro',
  'recall_macro',
  'precision_weighted',
  'loss',
  'mse',
  'mae',
  'rmse',
  'r2',
  'psnr',
  'ssim',
] as const;

const levels = (description: string) =>
  Type.Union([num(), Type.Array(num(), { minItems: 1 })], { description });

export const CORRUPTION_CATALOG = {
  gaussian_noise: closed(
    { snr_db: levels('Signal-to-noise ratio(s) in dB; one evaluation per level.') },
    { description: 'Additive white Gaussian noise at a given SNR, per example.' },
  ),
  band_dropout: closed(
    { fraction: levels('Fraction(s) of channels/bands set to zero.') },
    { description: 'Zeroes a random subset of channels (bands).' },
  ),
  occlusion: closed(
    { size: Type.Union([int({ minimum: 1 }), Type.Array(int({ minimum: 1 }), { minItems: 1 })], { description: 'Square side(s) in pixels.' }) },
    { description: 'Zeroes a random square of each example.' },
  ),
};

export const CorruptionSchema = taggedUnion('corruption', CORRUPTION_CATALOG);

export const EvaluationSchema = closed(
  {
    metrics: Type.Optional(Type.Array(Type.Unsafe<(typeof METRIC_NAMES)[number]>({ enum: [...METRIC_NAMES] }), { minItems: 1 })),
    corruptions: Type.Optional(Type.Array(CorruptionSchema, { minItems: 1 })),
    per_class: Type.Optional(Type.Boolean({ default: true, description: 'Also record per-class precision, recall and F1.' })),
  },
  { title: 'evaluation' },
);
