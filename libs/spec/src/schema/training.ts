/** `training:` the loop. */
import { Type } from '@sinclair/typebox';
import { bool, choice, closed, EXPR_PATTERN, int, num, text } from './primitives';

/** `checkpoint_every`: a number of epochs, or a time (`30s`, `5min`, `2h`) after which the next epoch's end writes one. */
export const CHECKPOINT_DURATION = '^\\d+(\\.\\d+)?(s|min|h)$';

const CheckpointEverySchema = Type.Unsafe<number | string>({
  type: ['integer', 'string'],
  minimum: 1,
  pattern: `${CHECKPOINT_DURATION}|${EXPR_PATTERN}`,
  default: '5min',
  description:
    'How often a running trial writes a checkpoint into its .partial folder, to resume from after a kill or a preemption: a number of epochs (1: after every epoch), or a time (30s, 5min, 2h): after the first epoch that ends when that much training has passed since the last checkpoint. Changing it does not change the trial (its id and results).',
});

export const EarlyStoppingSchema = closed(
  {
    monitor: Type.Optional(text({ default: 'val.loss', description: 'A history column: val.loss, train.loss, and the metrics the task records each epoch (classification: val.oa, val.aa, val.kappa, train.oa; regression: val.mse, val.mae; image_to_image: val.mse, val.psnr, val.ssim).' })),
    mode: Type.Optional(choice(['min', 'max'] as const, { description: "Default: the metric's direction: min for loss, mse and mae; max for oa, aa, kappa, psnr and ssim." })),
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
    checkpoint_every: Type.Optional(CheckpointEverySchema),
  },
  { title: 'training' },
);
