/** Field groups shared by several layer schemas. */
import { Type } from '@sinclair/typebox';
import { bool, choice, int, intOrTuple, num, text } from '../primitives';
import { InitializerSchema } from '../initializers';

export const ACTIVATION_NAMES = [
  'linear',
  'relu',
  'relu6',
  'leaky_relu',
  'elu',
  'selu',
  'gelu',
  'sigmoid',
  'tanh',
  'softmax',
  'swish',
] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** Fields every graph item may carry, whatever its type. */
export const LAYER_COMMON = {
  name: Type.Optional(
    text({ description: 'Node name, unique in its graph; other nodes refer to it in `inputs:`.' }),
  ),
  inputs: Type.Optional(
    Type.Union([text(), Type.Array(text(), { minItems: 1 })], {
      description: 'Names of the nodes feeding this one (default: the previous item). `input` is the graph input.',
    }),
  ),
  if: Type.Optional(bool({ description: 'Keep this item only when true, e.g. `${vars.bn}`.' })),
};

/** Fields of layers that own a kernel. */
export const WEIGHTS = {
  use_bias: Type.Optional(bool({ default: true })),
  kernel_initializer: Type.Optional(InitializerSchema),
  bias_initializer: Type.Optional(InitializerSchema),
  l2: Type.Optional(num({ minimum: 0, description: 'L2 penalty on the kernel, added to the loss.' })),
  trainable: Type.Optional(bool({ default: true })),
};

export const ACTIVATION = {
  activation: Type.Optional(choice(ACTIVATION_NAMES, { default: 'linear' })),
};

/** `same`, `valid`, one size for every axis, one per axis, or a [before, after] pair per axis. */
export const PADDING = Type.Union(
  [
    choice(['same', 'valid'] as const),
    int({ minimum: 0 }),
    Type.Array(Type.Union([int({ minimum: 0 }), Type.Array(int({ minimum: 0 }), { minItems: 2, maxItems: 2 })]), {
      minItems: 1,
      maxItems: 3,
    }),
  ],
  {
    title: 'padding',
    description: 'same | valid | p | [p_d, p_h, p_w] | [[before, after], ...] (asymmetric, per axis, like PyTorch F.pad)',
    default: 'valid',
  },
);

export function convolution(description: string, withFilters: boolean) {
  return {
    ...(withFilters ? { filters: int({ minimum: 1 }) } : {}),
    kernel: intOrTuple({ minimum: 1, maxItems: 3, description: 'Kernel size: one value for every axis or one per axis.' }),
    strides: Type.Optional(intOrTuple({ minimum: 1, maxItems: 3, default: 1 })),
    dilation: Type.Optional(intOrTuple({ minimum: 1, maxItems: 3, default: 1 })),
    padding: Type.Optional(PADDING),
    ...ACTIVATION,
    ...WEIGHTS,
    description,
  };
}
