/** `schedule:` the learning rate over training, optionally after a linear warm-up. */
import { Type } from '@sinclair/typebox';
import { choice, closed, int, num, text } from './primitives';
import { taggedUnion } from './tagged-union';

const gamma = (dflt: number) => Type.Optional(num({ exclusiveMinimum: 0, default: dflt, description: 'Multiplicative factor.' }));

export const SCHEDULE_CATALOG = {
  constant: closed({}),
  step: closed({ step_size: int({ minimum: 1, description: 'Epochs between decays.' }), gamma: gamma(0.1) }),
  multistep: closed({ milestones: Type.Array(int({ minimum: 1 }), { minItems: 1 }), gamma: gamma(0.1) }),
  exponential: closed({ gamma: num({ exclusiveMinimum: 0, maximum: 1 }) }),
  cosine: closed({
    period: Type.Optional(int({ minimum: 1, description: 'Epochs of the half cosine; default: all epochs after warm-up.' })),
    min_lr: Type.Optional(num({ minimum: 0, default: 0 })),
  }),
  linear: closed({ end_factor: Type.Optional(num({ minimum: 0, default: 0, description: 'Final lr / base lr.' })) }),
  inverse_sqrt: closed({}, { description: 'lr * sqrt(warm-up steps / step) after warm-up (Transformer), per step.' }),
  plateau: closed({
    monitor: Type.Optional(text({ default: 'val.loss', description: 'A history column, as early_stopping.monitor.' })),
    mode: Type.Optional(choice(['min', 'max'] as const, { description: "Default: the metric's direction: min for loss, mse and mae; max for oa, aa, kappa, psnr and ssim." })),
    factor: Type.Optional(num({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.1 })),
    patience: Type.Optional(int({ minimum: 0, default: 10 })),
    min_lr: Type.Optional(num({ minimum: 0, default: 0 })),
  }),
};

export const SCHEDULE_COMMON = {
  warmup_epochs: Type.Optional(num({ minimum: 0, default: 0, description: 'Linear warm-up from ~0 to the base lr (fractions allowed).' })),
};

export const ScheduleSchema = taggedUnion('schedule', SCHEDULE_CATALOG, SCHEDULE_COMMON);
