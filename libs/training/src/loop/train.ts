/**
 * The training loop: seeded shuffling and augmentation per epoch, one optimizer step per batch
 * (loss + L2 penalties, clipped gradients), validation every `validate_every` epochs, early
 * stopping and restoring the best weights. A non-finite loss stops the run with TrainingDiverged.
 * Nothing on this path reads a tensor synchronously (a GPU backend cannot): each batch is uploaded
 * once, the step stays on the device, and the loss comes back asynchronously (StepReadback).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { defaulted, epochMetrics, failpoint, stream, type OptimizerSpec, type ScheduleSpec, type TrainingSpec } from '@ablate/spec';
import { batchCount, batchesOf, epochOrder, type Batch, type PreparedData } from '@ablate/data';
import { findWeight, type Penalty } from '@ablate/models';
import { clipGradients, createOptimizer } from '../optimizers/create-optimizer';
import { createSchedule } from '../schedules/learning-rate';
import { captureState, checkpointDue, restoreState, TrainingInterrupted, type CheckpointOptions, type HistoryRow, type LoopParts } from './checkpoint';
import { EarlyStopping } from './early-stopping';
import { StepReadback } from './step-readback';
import { evaluate } from './evaluate';
import type { ImageTask } from './evaluate-images';
import type { LossFn } from './losses';
import { inputTensor, targetTensors } from './tensors';
import { leanVariableGrads } from './lean-gradients';

export type { HistoryRow };

export interface TrainingEvents {
  onEpochStart?(epoch: number, epochs: number, batches: number): void;
  onBatch?(info: { epoch: number; batch: number; batches: number; loss: number; lr: number }): void;
  onEpochEnd?(row: HistoryRow): void;
}

export interface TrainOptions {
  model: LayersModel;
  penalties: readonly Penalty[];
  data: PreparedData;
  optimizer: OptimizerSpec;
  schedule?: ScheduleSpec;
  training: TrainingSpec;
  loss: LossFn;
  /** The targets are numbers (regression, image_to_image), not classes. */
  numericTargets: boolean;
  /** image_to_image: the model outputs images (its inputs made noisy by data.pair). */
  image?: ImageTask;
  seed: number;
  events?: TrainingEvents;
  /** Steps whose loss may still be in flight before the loop waits for it (0: read each step before the next; a GPU wants a few). */
  readDepth?: number;
  /** Checkpoints: when to write one, how, the state to resume from, and the signal that asks to stop. */
  checkpoint?: CheckpointOptions;
  /**
   * Asked after each epoch with the whole history so far (a resumed run's included): the rule
   * that stops the training there (a search's pruner), or undefined to go on.
   */
  prune?: (history: readonly HistoryRow[]) => string | undefined;
}

export interface TrainResult {
  history: HistoryRow[];
  epochs: number;
  stoppedEarly: boolean;
  /** Epoch (1-based) whose weights the model ends with, when restore_best is on. */
  bestEpoch?: number;
  /** The pruner stopped the training after this epoch (1-based), by this rule. */
  pruned?: { epoch: number; rule: string };
}

/** The loss stopped being a finite number. */
export class TrainingDiverged extends Error {
  constructor(
    readonly epoch: number,
    readonly step: number,
    readonly value: number,
    readonly lr: number,
  ) {
    super(`the training loss became ${value} at epoch ${epoch}, batch ${step} (learning rate ${lr}).`);
  }
}

export async function train(options: TrainOptions): Promise<TrainResult> {
  const { model, data, training, events } = options;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const penalties = options.penalties.map((p) => ({ variable: findWeight(p.layer, p.weight).read(), l2: p.l2 }));
  const optimizer = createOptimizer(options.optimizer);
  const schedule = createSchedule(options.schedule, defaulted(options.optimizer.lr, 'optimizer.lr'), training.epochs);
  const batchSize = training.batch_size;
  const perEpoch = Math.min(batchCount(data.train.size, batchSize), training.max_steps_per_epoch ?? Infinity);
  const stopping = new EarlyStopping(training, data.val.size > 0);
  const parts: LoopParts = { model, optimizer, schedule, stopping };
  const checkpoint = options.checkpoint;
  let history: HistoryRow[] = [];
  let stoppedEarly = false;
  let pruned: TrainResult['pruned'];

  try {
    const first = checkpoint?.resume ? checkpoint.resume.epochs : 0;
    if (checkpoint?.resume) history = restoreState(checkpoint.resume, parts);
    let saved = { epochs: first, at: performance.now() };
    for (let epoch = first; epoch < training.epochs; epoch++) {
      // The safe point of a signal: an epoch's end (or the start), after the checkpoint of what ran since the last one.
      // The steps await only promises already resolved on a CPU backend: yield once, so that a signal's handler has run.
      if (checkpoint?.stopRequested) await new Promise((resolve) => setImmediate(resolve));
      const signal = checkpoint?.stopRequested?.();
      if (checkpoint && signal) {
        if (saved.epochs < epoch) await checkpoint.save(captureState(epoch, history, parts));
        throw new TrainingInterrupted(signal, epoch);
      }
      const started = performance.now();
      events?.onEpochStart?.(epoch, training.epochs, perEpoch);
      const order = epochOrder(data.train.size, training.shuffle === false ? undefined : stream(options.seed, 'shuffle', String(epoch)));
      const augmentRandom = stream(options.seed, 'augment', String(epoch));
      const augment = data.augment;
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      let batch = 0;
      let lr = 0;
      const readback = new StepReadback(options.readDepth ?? 0, (step, loss, hits) => {
        if (!Number.isFinite(loss)) throw new TrainingDiverged(step.epoch + 1, step.batch + 1, loss, step.lr);
        lossSum += loss * step.size;
        correct += hits;
        seen += step.size;
        events?.onBatch?.({ epoch: step.epoch, batch: step.batch + 1, batches: perEpoch, loss, lr: step.lr });
      });
      try {
        const pair = data.pair;
        const transform = pair ? (x: Batch) => pair(augment ? augment(x, augmentRandom) : x, `train:${epoch}`) : augment ? (x: Batch) => augment(x, augmentRandom) : undefined;
        for (const b of batchesOf(data.train, batchSize, order, transform)) {
          if (batch >= perEpoch) break;
          lr = schedule.at(epoch, batch, perEpoch);
          const stepLr = lr;
          const [loss, hits] = tf.tidy(() => {
            const x = inputTensor(b);
            const targets = targetTensors(b);
            let right: tf.Tensor | undefined;
            const { value, grads } = leanVariableGrads(() => {
              const output = model.apply(x, { training: true }) as tf.Tensor;
              if (!options.numericTargets) right = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(output, -1), targets.labels), 'int32')));
              let l = options.loss(output, targets);
              for (const p of penalties) l = tf.add(l, tf.mul(tf.sum(tf.square(p.variable)), p.l2)) as tf.Scalar;
              return l;
            }, variables);
            optimizer.step(variables, clipGradients(variables.map((v) => grads[v.name]), options.optimizer), stepLr);
            return right ? [value, right] : [value];
          });
          await readback.push({ epoch, batch, lr: stepLr, size: b.y.length }, loss, hits);
          batch++;
        }
        await readback.drain();
      } finally {
        readback.dispose();
      }
      const row: HistoryRow = { epoch: epoch + 1, lr, 'train.loss': lossSum / seen };
      if (!options.numericTargets) row['train.oa'] = correct / seen;
      const validate = data.val.size > 0 && ((epoch + 1) % (training.validate_every ?? 1) === 0 || epoch + 1 === training.epochs);
      if (validate) {
        const pair = data.pair;
        const result = await evaluate(model, data.val, {
          batchSize: defaulted(training.eval_batch_size, 'training.eval_batch_size'),
          loss: options.loss,
          classes: data.facts.classes,
          numericTargets: options.numericTargets,
          image: options.image,
          transform: pair ? (x) => pair(x, 'val') : undefined,
        });
        for (const key of epochMetrics(options.image ? 'image_to_image' : options.numericTargets ? 'regression' : 'classification')) row[`val.${key}`] = key === 'loss' ? result.loss : result.metrics[key];
      }
      row.seconds = (performance.now() - started) / 1000;
      history.push(row);
      schedule.observe(row);
      events?.onEpochEnd?.(row);
      failpoint('train:epoch');
      const rule = options.prune?.(history);
      if (rule !== undefined) {
        pruned = { epoch: epoch + 1, rule };
        break;
      }
      if (stopping.observe(row, epoch + 1, model)) {
        stoppedEarly = true;
        break;
      }
      // No checkpoint after the last epoch: the trial is about to be recorded.
      if (checkpoint && epoch + 1 < training.epochs && checkpointDue(checkpoint.every, epoch + 1, (performance.now() - saved.at) / 1000)) {
        await checkpoint.save(captureState(epoch + 1, history, parts));
        saved = { epochs: epoch + 1, at: performance.now() };
        failpoint(`train:checkpoint:${epoch + 1}`);
      }
    }
    stopping.finish(model);
  } finally {
    stopping.dispose();
    optimizer.dispose();
  }
  const bestEpoch = stopping.bestEpoch;
  return { history, epochs: history.length, stoppedEarly, ...(bestEpoch !== undefined ? { bestEpoch } : {}), ...(pruned ? { pruned } : {}) };
}
