/**
 * A search experiment in one process: trials from the study (see study.ts) one after the other
 * until the budget is spent, then the confirmation runs of the best configurations. Every trial is
 * an ordinary trial under its lock, resumed from its checkpoint after a kill; the study's files
 * say where the search stands, so a rerun goes on where the last one stopped.
 */
import { UserError } from '@ablate/spec';
import type { Trial } from '@ablate/sweep';
import type { TrialOutcome } from '../events';
import { RunInterrupted } from '../interrupted';
import { runLocked, type RunOptions } from '../run-experiment';
import { runSourceWithWorkers, type WorkerOptions } from '../workers';
import type { Study } from './study';

export interface SearchRunOptions extends RunOptions {
  study: Study;
}

/** How many trials the search runs in all, for the progress display (the hours budget aside). */
export function searchTotal(study: Study): number {
  const { spec, seeds, confirmSeeds } = study.plan;
  return (spec.trials ?? Math.max(study.disk.proposals().length, 1)) * seeds.length + (spec.confirm?.top ?? 0) * confirmSeeds.length;
}

export function checkRerun(options: RunOptions): void {
  if ((options.rerun ?? 'none') !== 'none') {
    throw new UserError(`--rerun ${options.rerun} does not apply to a search: its finished trials are the history its proposals were made from.`, {
      hint: `Delete the experiment's results folder to start the study again, or change search.seed for another sequence of proposals.`,
    });
  }
}

/** Runs `next()`'s trials one by one until it has none; each outcome is reported and returned. */
async function drain(next: () => Promise<Trial | undefined>, options: SearchRunOptions, outcomes: TrialOutcome[], total: number): Promise<void> {
  for (;;) {
    const signal = options.stop?.();
    if (signal) throw new RunInterrupted(signal);
    const trial = await next();
    if (!trial) return;
    const position = outcomes.length;
    const outcome = await runLocked(trial, { ...options, prune: options.study.prune }, () => options.events?.onTrialStart?.(trial, position, total));
    outcomes.push(outcome);
    if (outcome.status !== 'skipped') options.events?.onTrialEnd?.(outcome, position, total);
  }
}

export async function runSearch(options: SearchRunOptions): Promise<TrialOutcome[]> {
  checkRerun(options);
  const { study } = options;
  const total = searchTotal(study);
  const outcomes: TrialOutcome[] = [];
  await drain(() => study.next(), options, outcomes, total);
  const { trials } = await study.confirmTrials();
  const pending = trials.filter((t) => options.store.status(t.id) === 'missing');
  await drain(async () => pending.shift(), options, outcomes, total);
  return outcomes.filter((o) => o.status !== 'skipped');
}

/**
 * The same with `--workers N`: each free worker is handed the study's next trial, decided then from
 * what has finished (the proposals depend on timing, as Optuna's do with n_jobs); the confirmation
 * runs follow once every proposal has finished.
 */
export async function runSearchWithWorkers(options: SearchRunOptions & WorkerOptions): Promise<TrialOutcome[]> {
  checkRerun(options);
  const { study } = options;
  const outcomes = await runSourceWithWorkers({ total: searchTotal(study), next: (busy) => study.next(busy) }, options);
  const { trials } = await study.confirmTrials();
  const pending = trials.filter((t) => options.store.status(t.id) === 'missing');
  if (pending.length > 0) outcomes.push(...(await runSourceWithWorkers({ total: pending.length, next: async () => pending.shift() }, options)));
  return outcomes.filter((o) => o.status !== 'skipped');
}
