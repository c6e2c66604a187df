/**
 * Early stopping and the best epoch (for restore_best): the monitored history column, the best
 * value so far (with min_delta), the epochs waited since it, and the copy of the best weights.
 * Its state is part of a checkpoint.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { defaulted, UserError, type TrainingSpec } from '@ablate/spec';
import { WeightSnapshot } from './best-weights';

export interface EarlyStoppingState {
  bestValue: number;
  bestEpoch?: number;
  waited: number;
}

function monitorOf(training: TrainingSpec, hasVal: boolean): { key: string; mode: 'min' | 'max' } | undefined {
  if (!training.early_stopping && !training.restore_best) return undefined;
  // restore_best without early_stopping watches the validation loss; early_stopping's keys are resolved (withDefaults).
  const stopping = training.early_stopping;
  const key = stopping ? defaulted(stopping.monitor, 'training.early_stopping.monitor') : 'val.loss';
  if (key.startsWith('val.') && !hasVal) {
    throw new UserError(`training monitors ${key}, but the split has no validation part.`, { hint: 'Add `val:` to the split (e.g. split: {type: given, val: 0.1}), or monitor train.loss.' });
  }
  return { key, mode: stopping ? defaulted(stopping.mode, 'training.early_stopping.mode') : 'min' };
}

export class EarlyStopping {
  readonly best = new WeightSnapshot();
  private readonly monitor: { key: string; mode: 'min' | 'max' } | undefined;
  private value = Number.NaN;
  private epoch: number | undefined;
  private waited = 0;

  constructor(
    private readonly training: TrainingSpec,
    hasVal: boolean,
  ) {
    this.monitor = monitorOf(training, hasVal);
  }

  /** After an epoch (1-based) with its history row: true when training should stop. */
  observe(row: Readonly<Record<string, number>>, epoch: number, model: LayersModel): boolean {
    if (!this.monitor || row[this.monitor.key] === undefined) return false;
    const value = row[this.monitor.key];
    const stopping = this.training.early_stopping;
    const delta = stopping ? defaulted(stopping.min_delta, 'training.early_stopping.min_delta') : 0;
    const improved = Number.isNaN(this.value) || (this.monitor.mode === 'min' ? value < this.value - delta : value > this.value + delta);
    if (improved) {
      this.value = value;
      this.epoch = epoch;
      this.waited = 0;
      if (this.training.restore_best) this.best.take(model);
      return false;
    }
    return this.training.early_stopping !== undefined && ++this.waited >= this.training.early_stopping.patience;
  }

  /** The epoch whose weights the model ends with (restore_best), once `finish` ran. */
  get bestEpoch(): number | undefined {
    return this.training.restore_best ? this.epoch : undefined;
  }

  /** restore_best: the model takes the best epoch's weights. */
  finish(model: LayersModel): void {
    if (this.training.restore_best && !this.best.empty) this.best.restore(model);
  }

  state(): EarlyStoppingState {
    return { bestValue: this.value, ...(this.epoch !== undefined ? { bestEpoch: this.epoch } : {}), waited: this.waited };
  }

  restore(state: EarlyStoppingState): void {
    this.value = state.bestValue;
    this.epoch = state.bestEpoch;
    this.waited = state.waited;
  }

  dispose(): void {
    this.best.dispose();
  }
}
