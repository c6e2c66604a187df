/** `optimizer:` the update rule, with weight decay and gradient clipping. */
import { Type } from '@sinclair/typebox';
import { bool, closed, num } from './primitives';
import { taggedUnion } from './tagged-union';

const lr = (dflt?: number) => num({ exclusiveMinimum: 0, ...(dflt === undefined ? {} : { default: dflt }), description: 'Learning rate (base value of the schedule).' });
const decay = (dflt: number, description: string) => Type.Optional(num({ minimum: 0, default: dflt, description }));
const COUPLED = 'L2 added to the gradient (PyTorch `weight_decay` of this optimizer).';
const adamFields = {
  beta1: Type.Optional(num({ minimum: 0, exclusiveMaximum: 1, default: 0.9 })),
  beta2: Type.Optional(num({ minimum: 0, exclusiveMaximum: 1, default: 0.999 })),
  epsilon: Type.Optional(num({ exclusiveMinimum: 0, default: 1e-8 })),
};

export const OPTIMIZER_CATALOG = {
  sgd: closed({
    lr: lr(), // required, as in torch.optim.SGD
    momentum: Type.Optional(num({ minimum: 0, default: 0 })),
    nesterov: Type.Optional(bool({ default: false })),
    weight_decay: decay(0, COUPLED),
  }),
  adam: closed({ lr: Type.Optional(lr(0.001)), ...adamFields, weight_decay: decay(0, COUPLED) }),
  adamw: closed({
    lr: Type.Optional(lr(0.001)),
    ...adamFields,
    weight_decay: decay(0.01, 'Decoupled decay: w -= lr * weight_decay * w (Loshchilov & Hutter).'),
  }),
  rmsprop: closed({
    lr: Type.Optional(lr(0.01)),
    rho: Type.Optional(num({ minimum: 0, exclusiveMaximum: 1, default: 0.99, description: 'PyTorch `alpha`.' })),
    momentum: Type.Optional(num({ minimum: 0, default: 0 })),
    epsilon: Type.Optional(num({ exclusiveMinimum: 0, default: 1e-8 })),
    centered: Type.Optional(bool({ default: false })),
    weight_decay: decay(0, COUPLED),
  }),
  adagrad: closed({
    lr: Type.Optional(lr(0.01)),
    initial_accumulator: Type.Optional(num({ minimum: 0, default: 0 })),
    epsilon: Type.Optional(num({ exclusiveMinimum: 0, default: 1e-10 })),
    weight_decay: decay(0, COUPLED),
  }),
};

export const OPTIMIZER_COMMON = {
  clip_norm: Type.Optional(num({ exclusiveMinimum: 0, description: 'Rescale gradients so their global L2 norm is at most this.' })),
  clip_value: Type.Optional(num({ exclusiveMinimum: 0, description: 'Clamp every gradient element to [-v, v].' })),
};

export const OptimizerSchema = taggedUnion('optimizer', OPTIMIZER_CATALOG, OPTIMIZER_COMMON);
