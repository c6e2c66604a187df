/**
 * The learning-rate schedules against PyTorch's schedulers (torch.optim.lr_scheduler 1.13, epoch
 * by epoch: tools/reference/schedules_reference.py → fixtures/schedules.json), the linear warm-up
 * before them, inverse_sqrt per step, plateau's reductions, and a schedule's state surviving a
 * checkpoint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDefaults, type ScheduleSpec } from '@ablate/spec';
import { createSchedule } from './learning-rate';

const reference = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'schedules.json'), 'utf8')) as {
  base: number;
  epochs: number;
  cases: Record<string, { spec: Record<string, unknown>; rates: number[] }>;
};

const resolved = (schedule: Record<string, unknown>, epochs = reference.epochs) =>
  (withDefaults({ schedule, training: { epochs, batch_size: 2 } } as never) as unknown as { schedule: ScheduleSpec }).schedule;

describe('learning-rate schedules', () => {
  it.each(Object.keys(reference.cases))("%s gives PyTorch's rate at each epoch", (name) => {
    const { spec, rates } = reference.cases[name];
    const schedule = createSchedule(resolved(spec), reference.base, reference.epochs);
    // The rate of each epoch's first step (one step per epoch here), as PyTorch steps its per-epoch schedulers.
    const ours = rates.map((_, epoch) => schedule.at(epoch, 0, 1));
    ours.forEach((r, e) => expect(r).toBeCloseTo(rates[e], 12));
  });

  it('warms up linearly over warmup_epochs, then runs the schedule over the epochs left', () => {
    const schedule = createSchedule(resolved({ type: 'step', step_size: 1, gamma: 0.5, warmup_epochs: 2 }, 6), 0.1, 6);
    // 4 steps per epoch: 8 warm-up steps reach the base rate, then the step schedule counts from epoch 0.
    expect([0, 1, 7].map((b) => schedule.at(Math.floor(b / 4), b % 4, 4))).toEqual([0.1 / 8, 0.2 / 8, 0.1].map((v) => expect.closeTo(v, 12)));
    expect([2, 3, 4].map((e) => schedule.at(e, 0, 4))).toEqual([0.1, 0.05, 0.025].map((v) => expect.closeTo(v, 12)));
  });

  it('inverse_sqrt: the base rate at the end of the warm-up, then base * sqrt(warm-up steps / step)', () => {
    const schedule = createSchedule(resolved({ type: 'inverse_sqrt', warmup_epochs: 1 }, 4), 0.1, 4);
    expect(schedule.at(0, 9, 10)).toBeCloseTo(0.1, 12);
    expect(schedule.at(3, 9, 10)).toBeCloseTo(0.1 * Math.sqrt(10 / 40), 12);
  });

  it('plateau divides the rate by its factor after patience epochs without improvement, and resumes from its state', () => {
    const make = () => createSchedule(resolved({ type: 'plateau', monitor: 'val.loss', patience: 1, factor: 0.5 }, 10), 0.1, 10);
    const schedule = make();
    const losses = [1, 0.9, 0.95, 0.96, 0.8, 0.85, 0.86, 0.87];
    const rates = losses.map((loss, epoch) => {
      schedule.observe({ 'val.loss': loss });
      return schedule.at(epoch + 1, 0, 1);
    });
    // Worse twice after 0.9 (epochs 3, 4): halved; better at 0.8; worse twice again: halved; once more counts anew.
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025].map((v) => expect.closeTo(v, 12)));
    const resumed = make();
    resumed.restore(schedule.state());
    expect(resumed.at(9, 0, 1)).toBeCloseTo(schedule.at(9, 0, 1), 12);
  });
});
