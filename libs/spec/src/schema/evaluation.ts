/**
 * `evaluation:` the test-time corruptions the test set is also evaluated under. Every metric of the
 * task (libs/spec's METRICS) and the per-class precision, recall and F1 are always recorded; a
 * report's `columns` choose what its table shows.
 */
import { Type } from '@sinclair/typebox';
import { closed, int, num } from './primitives';
import { taggedUnion } from './tagged-union';

/** A corruption's levels: one number or a list, one test evaluation per level (plug-in corruptions take it too). */
export const corruptionLevels = (description: string) => Type.Union([num(), Type.Array(num(), { minItems: 1 })], { description });

export const CORRUPTION_CATALOG = {
  gaussian_noise: closed(
    { snr_db: corruptionLevels('Signal-to-noise ratio(s) in dB; one evaluation per level.') },
    { description: 'Additive white Gaussian noise at a given SNR, per example.' },
  ),
  band_dropout: closed(
    { fraction: corruptionLevels('Fraction(s) of channels/bands set to zero.') },
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
    corruptions: Type.Optional(Type.Array(CorruptionSchema, { minItems: 1 })),
  },
  { title: 'evaluation' },
);
