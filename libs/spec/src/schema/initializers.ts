/** Weight initialisers. Every random one is seeded from the trial seed by the compiler. */
import { Type } from '@sinclair/typebox';
import { closed, num, choice } from './primitives';

export const INITIALIZER_NAMES = [
  'torch_default',
  'he_normal',
  'kaiming_normal',
  'he_uniform',
  'kaiming_uniform',
  'glorot_uniform',
  'xavier_uniform',
  'glorot_normal',
  'xavier_normal',
  'lecun_normal',
  'zeros',
  'ones',
] as const;
export type InitializerName = (typeof INITIALIZER_NAMES)[number];

export const InitializerSchema = Type.Union(
  [
    choice(INITIALIZER_NAMES, {
      description:
        'he_normal is Keras/tfjs (truncated normal, std sqrt(2/fan_in)); kaiming_normal is PyTorch (untruncated). ' +
        'torch_default reproduces PyTorch nn.Conv/nn.Linear default init (uniform +-1/sqrt(fan_in)).',
    }),
    closed({ type: Type.Literal('constant'), value: num() }, { title: '{type: constant, value} initializer' }),
    closed({ type: Type.Literal('normal'), mean: Type.Optional(num()), std: num({ exclusiveMinimum: 0 }) }, { title: '{type: normal, mean, std} initializer' }),
    closed({ type: Type.Literal('uniform'), min: num(), max: num() }, { title: '{type: uniform, min, max} initializer' }),
  ],
  { title: 'initializer' },
);
