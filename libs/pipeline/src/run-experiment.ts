/**
 * The trials of an experiment that are not done yet, one after the other (finished trials are
 * skipped by id; `rerun` brings back failed or all). Every finished trial is on disk before the
 * next starts, so a killed sweep loses at most the trial it was running.
 */
import type { BackendChoice } from '@ablate/backend';
import type { Locate } from '@ablate/spec';
import type { Trial, TrialStore } from '@ablate/sweep';
import type { RunEvents, TrialEvents, TrialOutcome } from './events';
import { RunInterrupted, type StopRequest } from './interrupted';
import { runTrial, type TrialContext } from './run-trial';

export type Rerun = 'none' | 'failed' | 'all';

export interface RunOptions {
  experiment: string;
  baseDir: string;
  store: TrialStore;
  backend: BackendChoice;
  locate?: Locate;
  rerun?: Rerun;
  events?: RunEvents;
  /** A signal asked the run to stop: no trial starts, the running one stops at its next epoch's end (RunInterrupted). */
  stop?: StopRequest;
  /** A search's pruning check (see search/study.ts). */
  prune?: TrialContext['prune'];
  plugins?: TrialContext['plugins'];
}

export function pendingTrials(trials: readonly Trial[], store: TrialStore, rerun: Rerun = 'none'): Trial[] {
  return trials.filter((t) => {
    const status = store.status(t.id);
    return status === 'missing' || rerun === 'all' || (rerun === 'failed' && status === 'failed');
  });
}

/**
 * Runs one trial under its lock (calling onStart once it does, which returns the handlers of its
 * progress); a trial locked by another process is left to it.
 */
export async function runLocked(trial: Trial, options: RunOptions, onStart?: () => TrialEvents | void): Promise<TrialOutcome> {
  if (!options.store.lock(trial.id)) return { trial, status: 'skipped', reason: 'running in another process', seconds: 0 };
  try {
    // Another process may have finished it between our listing and our lock.
    if (options.store.status(trial.id) !== 'missing' && (options.rerun ?? 'none') === 'none') return { trial, status: 'skipped', reason: 'finished meanwhile by another process', seconds: 0 };
    const events = onStart?.() ?? undefined;
    return await runTrial(trial, { ...options, events });
  } finally {
    options.store.unlock(trial.id);
  }
}

export async function runExperiment(trials: readonly Trial[], options: RunOptions): Promise<TrialOutcome[]> {
  const pending = pendingTrials(trials, options.store, options.rerun);
  const outcomes: TrialOutcome[] = trials.filter((t) => !pending.includes(t)).map((trial) => ({ trial, status: 'skipped', seconds: 0 }));
  for (const [i, trial] of pending.entries()) {
    const signal = options.stop?.();
    if (signal) throw new RunInterrupted(signal);
    const outcome = await runLocked(trial, options, () => options.events?.onTrialStart?.(trial, i, pending.length));
    outcomes.push(outcome);
    options.events?.onTrialEnd?.(outcome, i, pending.length);
  }
  return outcomes.sort((a, b) => a.trial.index - b.trial.index);
}
