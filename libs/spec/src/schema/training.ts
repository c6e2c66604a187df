/** `training:` the loop. */
import { Type } from '@sinclair/typebox';
import { bool, choice, closed, int, num, text } from './primitives';

export const EarlyStoppingSchema = closed(
  {
    monitor: Type.Optional(text({ default: 'val.loss', description: 'A history column, e.g. val.loss or val.oa.' })),
    mode: Type.Optional(choice(['min', 'max'] as const, { description: 'Default: min for a loss (a monitor named *loss*, *mse* or *mae*), max otherwise.' })),
    patience: int({ minimum: 1 }),
    min_delta: Type.Optional(num({ minimum: 0, default: 0 })),
  },
  { title: 'early stopping' },
);

export const TrainingSchema = closed(
  {
    epochs: int({ minimum: 1 }),
    batch_size: int({ minimum: 1 }),
    eval_batch_size: Type.Optional(int({ minimum: 1, description: 'Default: 4 x batch_size.' })),
    shuffle: Type.Optional(bool({ default: true })),
    validate_every: Type.Optional(int({ minimum: 1, default: 1, description: 'Epochs between validations.' })),
    early_stopping: Type.Optional(EarlyStoppingSchema),
    restore_best: Type.Optional(
      bool({ default: false, description: 'At the end, restore the weights of the best validation epoch (monitor of early_stopping).' }),
    ),
    max_steps_per_epoch: Type.Optional(int({ minimum: 1, description: 'Cap on batches per epoch (quick runs).' })),
  },
  { title: 'training' },
);
