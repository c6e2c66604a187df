/**
 * Learning-rate schedules, evaluated at every step. After `warmup_epochs` of linear warm-up, the
 * epoch-wise schedules (step, multistep, exponential) change at epoch boundaries as PyTorch's
 * per-epoch schedulers do; cosine and linear move smoothly with the fractional epoch; inverse_sqrt
 * is per step (Transformer); plateau divides the rate when a monitored value stops improving.
 */
import { defaulted, type ScheduleSpec } from '@ablate/spec';
import { PluginComponents } from '../plugin-components';

export interface LearningRate {
  /** The rate for a step: `epoch` 0-based, `batch` of `batches` in that epoch. */
  at(epoch: number, batch: number, batches: number): number;
  /** After an epoch, with its history row (plateau watches a value). */
  observe(logs: Readonly<Record<string, number>>): void;
  /** What `observe` has gathered (plateau: its factor, best value and epochs waited); every other rate follows from the step alone. */
  state(): ScheduleState;
  restore(state: ScheduleState): void;
}

export interface ScheduleState {
  factor: number;
  best: number;
  waited: number;
}

/** A plug-in's schedule: made once per trial; the rate at a fractional epoch after the warm-up and a step. */
export type ScheduleFactory = (params: Record<string, unknown>, ctx: { base: number; epochs: number }) => (epoch: number, step: number) => number;
const pluginSchedules = new PluginComponents<ScheduleFactory>('a schedule');

export const registerSchedule = (name: string, factory: ScheduleFactory): void => pluginSchedules.register(name, factory);
export const unregisterSchedule = (name: string): void => pluginSchedules.unregister(name);

export function createSchedule(spec: ScheduleSpec | undefined, base: number, epochs: number): LearningRate {
  // Parameters as resolved: withDefaults filled the schema's defaults (and plateau's mode from its monitor).
  const warmup = spec ? defaulted(spec.warmup_epochs, 'schedule.warmup_epochs') : 0;
  const span = Math.max(epochs - warmup, 1e-9);
  const factory = spec && pluginSchedules.get(spec.type);
  const plugin = factory ? factory(spec as unknown as Record<string, unknown>, { base, epochs: span }) : undefined;
  let plateau = 1;
  let best = Number.NaN;
  let waited = 0;

  const after = (t: number, step: number, warmupSteps: number): number => {
    const e = Math.floor(t + 1e-9);
    if (!spec) return base;
    if (plugin) return plugin(t, step);
    switch (spec.type) {
      case 'constant':
        return base;
      case 'step':
        return base * defaulted(spec.gamma, 'schedule.gamma') ** Math.floor(e / spec.step_size);
      case 'multistep':
        return base * defaulted(spec.gamma, 'schedule.gamma') ** spec.milestones.filter((m) => m <= e).length;
      case 'exponential':
        return base * spec.gamma ** e;
      case 'cosine': {
        const period = spec.period ?? span; // no schema default: every epoch after the warm-up
        const min = defaulted(spec.min_lr, 'schedule.min_lr');
        return min + ((base - min) * (1 + Math.cos((Math.PI * Math.min(t, period)) / period))) / 2;
      }
      case 'linear':
        return base * (1 - (1 - defaulted(spec.end_factor, 'schedule.end_factor')) * Math.min(t / span, 1));
      case 'inverse_sqrt':
        return base * Math.sqrt(Math.max(warmupSteps, 1) / Math.max(step, warmupSteps, 1));
      case 'plateau':
        return Math.max(base * plateau, defaulted(spec.min_lr, 'schedule.min_lr'));
      default:
        return ((x: never) => {
          throw new Error(`unhandled schedule ${JSON.stringify(x)}`);
        })(spec);
    }
  };

  return {
    at(epoch, batch, batches) {
      const step = epoch * batches + batch;
      const warmupSteps = Math.round(warmup * batches);
      if (step < warmupSteps) return (base * (step + 1)) / warmupSteps;
      return after(epoch + batch / batches - warmup, step + 1, warmupSteps);
    },
    observe(logs) {
      if (spec?.type !== 'plateau') return;
      const monitor = defaulted(spec.monitor, 'schedule.monitor');
      const value = logs[monitor];
      if (value === undefined || Number.isNaN(value)) return;
      const better = Number.isNaN(best) || (defaulted(spec.mode, 'schedule.mode') === 'min' ? value < best : value > best);
      if (better) {
        best = value;
        waited = 0;
      } else if (++waited > defaulted(spec.patience, 'schedule.patience')) {
        plateau *= defaulted(spec.factor, 'schedule.factor');
        waited = 0;
      }
    },
    state: () => ({ factor: plateau, best, waited }),
    restore(state) {
      ({ factor: plateau, best, waited } = state);
    },
  };
}
