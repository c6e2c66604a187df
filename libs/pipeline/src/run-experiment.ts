/**
 * The trials of an experiment that are not done yet, one after the other (finished trials are
 * skipped by id; `rerun` brings back failed or all). Every finished trial is on disk before the
 * next starts, so a killed sweep loses at most the trial it was running.
 */
import type { BackendChoice } from '@ablate/backend';
import type { Locate } from '@ablate/spec';
import type { Trial, TrialStore } from '@ablate/sweep';
import type { RunEvents, TrialOutcome } from './events';
import { runTrial } from './run-trial';

export type Rerun = 'none' | 'failed' | 'all';

export interface RunOptions {
  experiment: string;
  baseDir: string;
  store: TrialStore;
  backend: BackendChoice;
  locate?: Locate;
  rerun?: Rerun;
  events?: RunEvents;
}

export function pendingTrials(trials: readonly Trial[], store: TrialStore, rerun: Rerun = 'none'): Trial[] {
  return trials.filter((t) => {
    const status = store.status(t.id);
    return status === 'missing' || rerun === 'all' || (rerun === 'failed' && status === 'failed');
  });
}

export async function runExperiment(trials: readonly Trial[], options: RunOptions): Promise<TrialOutcome[]> {
  const pending = pendingTrials(trials, options.store, options.rerun);
  const outcomes: TrialOutcome[] = trials.filter((t) => !pending.includes(t)).map((trial) => ({ trial, status: 'skipped', seconds: 0 }));
  for (const [i, trial] of pending.entries()) {
    options.events?.onTrialStart?.(trial, i, pending.length);
    const outcome = await runTrial(trial, { ...options, events: options.events });
    outcomes.push(outcome);
    options.events?.onTrialEnd?.(outcome, i, pending.length);
  }
  return outcomes.sort((a, b) => a.trial.index - b.trial.index);
}
