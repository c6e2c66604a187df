/**
 * The metrics a trial records, one entry each: on which tasks it is computed (test and validation
 * sets, corruptions), whether the training loop records it every epoch (on the validation set,
 * and for a few on the training batches), whether higher or lower is better, and how a table shows
 * it. Validation (monitors, the search metric, report columns), the training loop's history, the
 * defaults of report columns and the directions of early stopping, plateau schedules and searches
 * all read it here.
 */
import type { TASK_CATALOG } from '../schema/task';
import { didYouMean, listOf } from '../hints';
import { Registry, type RegistryEntry } from './registry';

export type TaskName = keyof typeof TASK_CATALOG;
export type Direction = 'max' | 'min' | 'none';
export type ColumnFormat = 'fixed' | 'thousands' | 'si';

/** How a table shows a column by default (a report column may override each). */
export interface ColumnLook {
  /** Header without unit: "OA", "PSNR"; the unit follows from the scale (100: %) or `unit`. */
  label: string;
  unit?: string;
  scale: number;
  precision: number;
  format: ColumnFormat;
  /** max: the highest mean is best (bold, tested); min: the lowest; none: not a result to rank. */
  better: Direction;
}

export interface MetricEntry extends RegistryEntry, ColumnLook {
  /** The tasks whose evaluation (test, validation, corruptions) computes it. */
  tasks: readonly TaskName[];
  /** The tasks whose training loop records `val.<name>` after every validation. */
  epoch: readonly TaskName[];
  /** The tasks whose training loop records `train.<name>` every epoch (over the epoch's batches). */
  train: readonly TaskName[];
  /** What guessing scores: `uniform`, 1 / classes (accuracy, balanced accuracy), drawn as a line on bar plots. */
  chance?: 'uniform';
}

const ALL: readonly TaskName[] = ['classification', 'regression', 'image_to_image'];
const CLASSIFICATION: readonly TaskName[] = ['classification'];
const NUMERIC: readonly TaskName[] = ['regression', 'image_to_image'];

const percent = (name: string, label: string, description: string, epoch: readonly TaskName[] = []): MetricEntry => ({
  name,
  description,
  label,
  scale: 100,
  precision: 2,
  format: 'fixed',
  better: 'max',
  tasks: CLASSIFICATION,
  epoch,
  train: [],
});

const value = (entry: Omit<MetricEntry, 'format' | 'train'> & { train?: readonly TaskName[] }): MetricEntry => ({ format: 'fixed', train: [], ...entry });

/** In the order of `val.*` columns in a trial's history: the loss first, then the task's metrics. */
export const METRICS = new Registry<MetricEntry>('metric', [
  value({ name: 'loss', description: "The loss function averaged over the set (train.loss, over the epoch's batches, includes the L2 penalties).", label: 'Loss', scale: 1, precision: 4, better: 'min', tasks: ALL, epoch: ALL, train: ALL }),
  { ...percent('oa', 'OA', 'Overall accuracy: the share of examples classified right.', CLASSIFICATION), train: CLASSIFICATION, chance: 'uniform' },
  { ...percent('aa', 'AA', 'Average accuracy: the mean of per-class recalls (balanced accuracy).', CLASSIFICATION), chance: 'uniform' },
  percent('kappa', 'Kappa', "Cohen's kappa: agreement beyond chance.", CLASSIFICATION),
  percent('f1_macro', 'F1 macro', 'F1 averaged over classes.'),
  percent('f1_weighted', 'F1 weighted', 'F1 averaged over classes weighted by their support.'),
  percent('precision_macro', 'Precision macro', 'Precision averaged over classes.'),
  percent('recall_macro', 'Recall macro', 'Recall averaged over classes.'),
  percent('precision_weighted', 'Precision weighted', 'Precision averaged over classes weighted by their support.'),
  percent('recall_weighted', 'Recall weighted', 'Recall averaged over classes weighted by their support.'),
  value({ name: 'mse', description: 'Mean squared error.', label: 'MSE', scale: 1, precision: 4, better: 'min', tasks: NUMERIC, epoch: NUMERIC }),
  value({ name: 'mae', description: 'Mean absolute error.', label: 'MAE', scale: 1, precision: 4, better: 'min', tasks: NUMERIC, epoch: ['regression'] }),
  value({ name: 'rmse', description: 'Root mean squared error.', label: 'RMSE', scale: 1, precision: 4, better: 'min', tasks: ['regression'], epoch: [] }),
  value({ name: 'r2', description: 'Coefficient of determination.', label: 'R²', scale: 1, precision: 4, better: 'max', tasks: ['regression'], epoch: [] }),
  value({ name: 'psnr', description: 'Peak signal-to-noise ratio (image_to_image: averaged over images, peak = data_range).', label: 'PSNR', unit: 'dB', scale: 1, precision: 2, better: 'max', tasks: NUMERIC, epoch: ['image_to_image'] }),
  value({ name: 'ssim', description: 'Structural similarity, averaged over images.', label: 'SSIM', scale: 1, precision: 4, better: 'max', tasks: ['image_to_image'], epoch: ['image_to_image'] }),
  value({ name: 'input_psnr', description: 'PSNR of the noisy input: the reference a denoiser improves on.', label: 'Noisy PSNR', unit: 'dB', scale: 1, precision: 2, better: 'none', tasks: ['image_to_image'], epoch: [] }),
  value({ name: 'input_ssim', description: 'SSIM of the noisy input: the reference a denoiser improves on.', label: 'Noisy SSIM', scale: 1, precision: 4, better: 'none', tasks: ['image_to_image'], epoch: [] }),
  value({ name: 'input_mse', description: 'MSE of the noisy input against the clean target: the reference a denoiser improves on.', label: 'Noisy MSE', scale: 1, precision: 4, better: 'none', tasks: ['image_to_image'], epoch: [] }),
]);

export interface TrialColumnEntry extends RegistryEntry, ColumnLook {}

const column = (name: string, label: string, better: Direction, description: string, look: Partial<ColumnLook> = {}): TrialColumnEntry => ({
  name,
  description,
  label,
  scale: 1,
  precision: 0,
  format: 'fixed',
  better,
  ...look,
});

/** The columns of every finished trial besides its metrics. Cost columns (size, time) are better low. */
export const TRIAL_COLUMN_REGISTRY = new Registry<TrialColumnEntry>('trial column', [
  column('params', 'Params', 'min', 'Trainable parameters.'),
  column('non_trainable_params', 'Non-trainable params', 'none', 'Parameters not trained (batch-norm statistics).'),
  column('macs', 'MACs', 'min', 'Multiply-accumulates of one forward pass of one example.'),
  column('epochs', 'Epochs', 'none', 'Epochs trained (fewer than training.epochs when stopped early).'),
  column('best_epoch', 'Best epoch', 'none', 'The epoch whose weights were restored (restore_best).'),
  column('train_seconds', 'Training time', 'min', 'Wall-clock seconds of training.', { unit: 's', precision: 1 }),
  column('seconds_per_epoch', 'Time per epoch', 'min', 'Wall-clock seconds per training epoch.', { unit: 's', precision: 2 }),
]);

/** The task a config trains for: its `task`, else regression when the loss is mse or mae, else classification. */
export function taskOf(config: { task?: { type: TaskName }; loss?: { type: string } }): TaskName {
  return config.task?.type ?? (config.loss?.type === 'mse' || config.loss?.type === 'mae' ? 'regression' : 'classification');
}

/** The metrics the training loop records under `val.` after each validation of a trial of this task, in history order. */
export function epochMetrics(task: TaskName): string[] {
  return METRICS.entries().filter((m) => m.epoch.includes(task)).map((m) => m.name);
}

/** Every column of a trial's history (`epoch`, `lr` and `seconds` aside): what early stopping, a plateau schedule or a search can monitor. */
export function historyColumns(task: TaskName): string[] {
  const train = METRICS.entries().filter((m) => m.train.includes(task)).map((m) => `train.${m.name}`);
  return [...train, ...epochMetrics(task).map((m) => `val.${m}`)];
}

/**
 * undefined when a trial of this task records `monitor` every epoch; otherwise the hint of the
 * error: the closest name and the columns there are.
 */
export function unrecordedMonitor(monitor: string, task: TaskName, columns: readonly string[] = historyColumns(task)): string | undefined {
  if (columns.includes(monitor)) return undefined;
  const metric = METRICS.get(monitor.slice(monitor.indexOf('.') + 1));
  const why = !metric
    ? didYouMean(monitor, columns)
    : !metric.tasks.includes(task)
      ? `${metric.name} is a metric of ${metric.tasks.join(' and ')} trials. `
      : monitor.startsWith('test.')
        ? 'A test metric is never watched during training. '
        : `${monitor.startsWith('val.') ? monitor : `val.${metric.name}`} is recorded once, after training. `;
  return `${why}A ${task} trial records these each epoch: ${listOf(columns)}.`;
}

/** The metric or trial column a results column holds: test.oa, val.loss, train.oa, corrupt.<condition>.oa → oa; params → params. */
export function columnEntry(column: string): MetricEntry | TrialColumnEntry | undefined {
  const trial = TRIAL_COLUMN_REGISTRY.get(column);
  if (trial) return trial;
  const dot = column.lastIndexOf('.');
  return dot < 0 ? undefined : METRICS.get(column.slice(dot + 1));
}

/** Whether a column is better high or low; `none` for a column that is not a result, undefined for a name no registry knows. */
export function columnDirection(column: string): Direction | undefined {
  return columnEntry(column)?.better;
}

/** The header of a column by default: the registry's label with its unit (% at scale 100). */
export function columnLabel(entry: ColumnLook, scale: number): string {
  const unit = scale === 100 ? '%' : scale === 1 ? entry.unit : undefined;
  return unit ? `${entry.label} (${unit})` : entry.label;
}
