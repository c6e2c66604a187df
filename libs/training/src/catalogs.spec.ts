/**
 * Every loss, optimizer and schedule of the language's catalogs has an implementation that runs
 * (the switches over their types are exhaustive for tsc; this checks that each case does its work),
 * from the smallest spec the schema accepts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { LOSS_CATALOG, OPTIMIZER_CATALOG, SCHEDULE_CATALOG, withDefaults, type LossSpec, type OptimizerSpec, type ScheduleSpec } from '@ablate/spec';
import { createLoss } from './loop/losses';
import { createOptimizer } from './optimizers/create-optimizer';
import { createSchedule } from './schedules/learning-rate';

/** The required fields of each type that have no default, at a value the schema accepts. */
const REQUIRED: Record<string, Record<string, unknown>> = { sgd: { lr: 0.1 }, step: { step_size: 2 }, multistep: { milestones: [2] }, exponential: { gamma: 0.9 } };
const filled = <T>(section: 'loss' | 'optimizer' | 'schedule', type: string): T =>
  (withDefaults({ [section]: { type, ...REQUIRED[type] }, training: { epochs: 4, batch_size: 2 } } as never) as Record<string, T>)[section];

describe('the catalogs and their implementations', () => {
  it.each(Object.keys(LOSS_CATALOG))('loss %s gives a finite loss', (type) => {
    const loss = createLoss(filled<LossSpec>('loss', type), 3, [2, 1, 1]);
    // A classifier's scores, or a regression's one output per example.
    const output = type === 'cross_entropy' ? tf.tensor2d([[1, 0, -1], [0.5, 0.5, 0]]) : tf.tensor2d([[0.5], [0.2]]);
    const value = loss(output, { labels: tf.tensor1d([0, 2], 'int32'), values: tf.tensor1d([1, 0]) }).dataSync()[0];
    expect(Number.isFinite(value)).toBe(true);
  });

  it.each(Object.keys(OPTIMIZER_CATALOG))('optimizer %s moves a weight against its gradient', (type) => {
    const optimizer = createOptimizer(filled<OptimizerSpec>('optimizer', type));
    const w = tf.variable(tf.tensor1d([1, -1]));
    optimizer.step([w], [tf.tensor1d([1, -1])], 0.1);
    const [a, b] = w.dataSync();
    expect([a < 1, b > -1]).toEqual([true, true]);
  });

  it.each(Object.keys(SCHEDULE_CATALOG))('schedule %s gives a positive learning rate each step', (type) => {
    const schedule = createSchedule(filled<ScheduleSpec>('schedule', type), 0.1, 4);
    const rates = [0, 1, 2, 3].map((epoch) => schedule.at(epoch, 0, 2));
    expect(rates.every((r) => r > 0 && r <= 0.1 + 1e-12)).toBe(true);
  });
});
