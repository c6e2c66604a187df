/**
 * What a training needs to go on after a kill as if it had never stopped (a checkpoint): the
 * epochs done and their history, every weight (batch-norm statistics included), the optimizer's
 * slots and step count, the schedule's plateau state, early stopping's best value, epoch, wait
 * and best weights, and the position of every random stream that lives across epochs (dropout
 * masks). The shuffling order, augmentation and image_to_image noise are drawn from streams
 * named after (seed, epoch) (and the example), so they need no record. Writing the state to disk
 * is the caller's (libs/pipeline); this module says when one is due and what it holds.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { CHECKPOINT_DURATION, type StreamState } from '@ablate/spec';
import { randomStreamStates, setRandomStreamStates } from '@ablate/models';
import type { Optimizer, OptimizerState } from '../optimizers/optimizer';
import type { LearningRate, ScheduleState } from '../schedules/learning-rate';
import type { EarlyStopping, EarlyStoppingState } from './early-stopping';

export type HistoryRow = Record<string, number>;

export interface TrainingState {
  /** Epochs done (the next one to run, 0-based). */
  epochs: number;
  history: HistoryRow[];
  /** The model's weights, in model.getWeights() order. */
  weights: tf.Tensor[];
  /** restore_best: the best epoch's weights so far (empty before one). */
  best: tf.Tensor[];
  optimizer: OptimizerState;
  schedule: ScheduleState;
  earlyStopping: EarlyStoppingState;
  streams: Record<string, StreamState>;
}

export interface CheckpointOptions {
  /** training.checkpoint_every: epochs, or a time (`5min`) of training after which the next epoch's end writes one. */
  every: number | string;
  /** The state to continue from (a checkpoint found on disk). */
  resume?: TrainingState;
  /** Writes a checkpoint (atomically); the tensors are the training's own: read them, do not dispose. */
  save(state: TrainingState): Promise<void>;
  /** The signal (SIGTERM, SIGINT) that asked the run to stop, once one did. */
  stopRequested?(): NodeJS.Signals | undefined;
}

/** A signal stopped the training at an epoch's end, after its checkpoint was written. */
export class TrainingInterrupted extends Error {
  constructor(
    readonly signal: NodeJS.Signals,
    /** Epochs done, all in the checkpoint. */
    readonly epochs: number,
  ) {
    super(`interrupted by ${signal} after epoch ${epochs}`);
  }
}

const UNIT_SECONDS: Record<string, number> = { s: 1, min: 60, h: 3600 };

/** Whether a checkpoint is due after `epochs` epochs, `seconds` after the last one (or the start). */
export function checkpointDue(every: number | string, epochs: number, seconds: number): boolean {
  if (typeof every === 'number') return epochs % every === 0;
  const match = new RegExp(CHECKPOINT_DURATION).exec(every);
  if (!match) throw new Error(`training.checkpoint_every ${every} passed the schema but is not a duration`);
  return seconds >= Number.parseFloat(every) * UNIT_SECONDS[match[2]];
}

export interface LoopParts {
  model: LayersModel;
  optimizer: Optimizer;
  schedule: LearningRate;
  stopping: EarlyStopping;
}

export function captureState(epochs: number, history: readonly HistoryRow[], parts: LoopParts): TrainingState {
  return {
    epochs,
    history: history.map((row) => ({ ...row })),
    weights: parts.model.getWeights(),
    best: [...parts.stopping.best.tensors],
    optimizer: parts.optimizer.state(),
    schedule: parts.schedule.state(),
    earlyStopping: parts.stopping.state(),
    streams: randomStreamStates(parts.model),
  };
}

/** Puts the loop's parts where the state says; returns the history to continue. */
export function restoreState(state: TrainingState, parts: LoopParts): HistoryRow[] {
  parts.model.setWeights(state.weights);
  parts.optimizer.load(state.optimizer);
  parts.schedule.restore(state.schedule);
  parts.stopping.restore(state.earlyStopping);
  if (state.best.length > 0) parts.stopping.best.set(state.best);
  setRandomStreamStates(parts.model, state.streams);
  return state.history.map((row) => ({ ...row }));
}
