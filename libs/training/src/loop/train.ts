/**
 * The training loop: seeded shuffling and augmentation per epoch, one optimizer step per batch
 * (loss + L2 penalties, clipped gradients), validation every `validate_every` epochs, early
 * stopping and restoring the best weights. A non-finite loss stops the run with TrainingDiverged.
 * Nothing on this path reads a tensor synchronously (a GPU backend cannot): each batch is uploaded
 * once, the step stays on the device, and the loss comes back asynchronously (StepReadback).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { defaulted, failpoint, monitorMode, stream, UserError, type OptimizerSpec, type ScheduleSpec, type TrainingSpec } from '@ablate/spec';
import { batchCount, batchesOf, epochOrder, type Batch, type PreparedData } from '@ablate/data';
import { findWeight, type Penalty } from '@ablate/models';
import { clipGradients, createOptimizer, DEFAULT_LR } from '../optimizers/create-optimizer';
import { createSchedule } from '../schedules/learning-rate';
import { WeightSnapshot } from './best-weights';
import { StepReadback } from './step-readback';
import { evaluate } from './evaluate';
import type { ImageTask } from './evaluate-images';
import type { LossFn } from './losses';
import { inputTensor, targetTensors } from './tensors';

export type HistoryRow = Record<string, number>;

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
  regression: boolean;
  /** image_to_image: the model outputs images (its inputs made noisy by data.pair). */
  image?: ImageTask;
  seed: number;
  events?: TrainingEvents;
  /** Steps whose loss may still be in flight before the loop waits for it (0: read each step before the next; a GPU wants a few). */
  readDepth?: number;
}

export interface TrainResult {
  history: HistoryRow[];
  epochs: number;
  stoppedEarly: boolean;
  /** Epoch (1-based) whose weights the model ends with, when restore_best is on. */
  bestEpoch?: number;
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

function monitorOf(training: TrainingSpec, hasVal: boolean): { key: string; mode: 'min' | 'max' } | undefined {
  if (!training.early_stopping && !training.restore_best) return undefined;
  const key = training.early_stopping?.monitor ?? 'val.loss';
  if (key.startsWith('val.') && !hasVal) {
    throw new UserError(`training monitors ${key}, but the split has no validation part.`, { hint: 'Add `val:` to the split (e.g. split: {type: given, val: 0.1}), or monitor train.loss.' });
  }
  return { key, mode: training.early_stopping?.mode ?? monitorMode(key) };
}

export async function train(options: TrainOptions): Promise<TrainResult> {
  const { model, data, training, events } = options;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const penalties = options.penalties.map((p) => ({ variable: findWeight(p.layer, p.weight).read(), l2: p.l2 }));
  const optimizer = createOptimizer(options.optimizer);
  const schedule = createSchedule(options.schedule, options.optimizer.lr ?? DEFAULT_LR[options.optimizer.type], training.epochs);
  const batchSize = training.batch_size;
  const perEpoch = Math.min(batchCount(data.train.size, batchSize), training.max_steps_per_epoch ?? Infinity);
  const monitor = monitorOf(training, data.val.size > 0);
  const best = new WeightSnapshot();
  let bestValue = Number.NaN;
  let bestEpoch: number | undefined;
  let waited = 0;
  const history: HistoryRow[] = [];
  let stoppedEarly = false;

  try {
    for (let epoch = 0; epoch < training.epochs; epoch++) {
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
            const { value, grads } = tf.variableGrads(() => {
              const output = model.apply(x, { training: true }) as tf.Tensor;
              if (!options.regression) right = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(output, -1), targets.labels), 'int32')));
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
      if (!options.regression) row['train.oa'] = correct / seen;
      const validate = data.val.size > 0 && ((epoch + 1) % (training.validate_every ?? 1) === 0 || epoch + 1 === training.epochs);
      if (validate) {
        const pair = data.pair;
        const result = await evaluate(model, data.val, {
          batchSize: defaulted(training.eval_batch_size, 'training.eval_batch_size'),
          loss: options.loss,
          classes: data.facts.classes,
          regression: options.regression,
          image: options.image,
          transform: pair ? (x) => pair(x, 'val') : undefined,
        });
        row['val.loss'] = result.loss;
        for (const key of options.image ? ['mse', 'psnr', 'ssim'] : options.regression ? ['mse', 'mae'] : ['oa', 'aa', 'kappa']) row[`val.${key}`] = result.metrics[key];
      }
      row.seconds = (performance.now() - started) / 1000;
      history.push(row);
      schedule.observe(row);
      events?.onEpochEnd?.(row);
      failpoint('train:epoch');
      if (monitor && row[monitor.key] !== undefined) {
        const value = row[monitor.key];
        const delta = training.early_stopping?.min_delta ?? 0;
        const improved = Number.isNaN(bestValue) || (monitor.mode === 'min' ? value < bestValue - delta : value > bestValue + delta);
        if (improved) {
          bestValue = value;
          bestEpoch = epoch + 1;
          waited = 0;
          if (training.restore_best) best.take(model);
        } else if (training.early_stopping && ++waited >= training.early_stopping.patience) {
          stoppedEarly = true;
          break;
        }
      }
    }
    if (training.restore_best && !best.empty) best.restore(model);
  } finally {
    best.dispose();
    optimizer.dispose();
  }
  return { history, epochs: history.length, stoppedEarly, ...(training.restore_best && bestEpoch !== undefined ? { bestEpoch } : {}) };
}
