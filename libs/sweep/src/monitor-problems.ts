/**
 * Early stopping, restore_best and a plateau schedule watch one column of the trial's history. A
 * name the trial never records (a typo, or a metric computed only once at the end, such as
 * val.f1_macro) would leave them watching nothing: refused for each trial, where its task is known.
 */
import { taskOf, unrecordedMonitor, UserError, type Pointer } from '@ablate/spec';
import { locate, type JsonObject, type PositionMap } from '@ablate/config';

interface Watched {
  pointer: Pointer;
  path: string;
  monitor: string;
  what: string;
}

function watched(config: JsonObject): Watched[] {
  const training = config.training as { early_stopping?: { monitor?: string } } | undefined;
  const schedule = config.schedule as { type?: string; monitor?: string } | undefined;
  const out: Watched[] = [];
  if (training?.early_stopping?.monitor !== undefined) {
    out.push({ pointer: '/training/early_stopping/monitor', path: 'training.early_stopping.monitor', monitor: training.early_stopping.monitor, what: 'early stopping and restore_best' });
  }
  if (schedule?.type === 'plateau' && schedule.monitor !== undefined) {
    out.push({ pointer: '/schedule/monitor', path: 'schedule.monitor', monitor: schedule.monitor, what: 'the plateau schedule' });
  }
  return out;
}

export function monitorProblems(config: JsonObject, positions: PositionMap): UserError[] {
  const task = taskOf(config as Parameters<typeof taskOf>[0]);
  return watched(config).flatMap(({ pointer, path, monitor, what }) => {
    const hint = unrecordedMonitor(monitor, task);
    if (hint === undefined) return [];
    return [new UserError(`${path} is "${monitor}", a column the trial's history does not have, so ${what} would never see a value.`, { at: locate(positions, pointer), path, hint })];
  });
}
