/**
 * One trial, start to record, as named phases: prepare the data, compile the model, train (from
 * the last checkpoint a killed run of the trial left; a signal stops it at an epoch's end with its
 * checkpoint written: RunInterrupted), evaluate (test set and every test-time corruption), and
 * record the trial folder atomically. A diverging loss is a failed trial with its reason recorded;
 * a search's pruner ends one as pruned; the sweep goes on.
 */
import { performance } from 'node:perf_hooks';
import type { Trial } from '@ablate/sweep';
import type { TrialOutcome } from './events';
import { compilePhase } from './trial/compile-phase';
import { evaluatePhase } from './trial/evaluate-phase';
import { preparePhase } from './trial/prepare-phase';
import { recordPhase, type TrialEnd } from './trial/record-phase';
import { trainPhase } from './trial/train-phase';
import type { TrialContext } from './trial/trial-context';

export type { TrialContext } from './trial/trial-context';

const DIVERGED_HINT = 'Lower the learning rate, clip gradients (optimizer.clip_norm), or check the data for NaN values.';

export async function runTrial(trial: Trial, ctx: TrialContext): Promise<TrialOutcome> {
  const started = performance.now();
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    ctx.events?.onLog?.(line);
  };
  const draft = ctx.store.begin(trial.id);
  try {
    const data = preparePhase(trial, ctx.baseDir, log);
    const model = compilePhase(trial, data, { experiment: ctx.experiment, ...(ctx.locate ? { locate: ctx.locate } : {}) });
    const trained = await trainPhase(trial, ctx, draft, data, model, log);
    const end: TrialEnd =
      trained.status === 'diverged'
        ? { status: 'failed', reason: `${trained.failure.message} ${DIVERGED_HINT}`, trainSeconds: trained.seconds }
        : trained.result.pruned
          ? { status: 'pruned', result: trained.result, trainSeconds: trained.seconds }
          : { status: 'done', result: trained.result, trainSeconds: trained.seconds, evaluated: await evaluatePhase(trial, data, model) };
    return await recordPhase({ trial, ctx, draft, data, model, lines, started }, end);
  } catch (error) {
    draft.abandon();
    throw error;
  }
}
