import reference from '../../fixtures/pruners-reference.json';
import { rungAt } from './asha-pruner';
import { percentile } from './median-pruner';
import { pruneDecision } from './prune';
import type { PruneDecision } from './prune-types';
import type { SearchDirection, SearchPruner, SearchTrial } from './types';

/**
 * The reference study replayed: three trials at a time, round robin, a new one starting when one
 * ends, each asking pruneDecision after every epoch with the others as they stand.
 */
function replay(pruner: SearchPruner, direction: SearchDirection, sign: number) {
  const curves = reference.curves.map((c) => c.map((v) => sign * v));
  const trials: SearchTrial[] = curves.map((_, index) => ({ index, params: {}, state: 'running', intermediate: [] }));
  const waiting = trials.map((t) => t.index);
  const running: number[] = [];
  const decisions: Array<{ trial: number; epoch: number; prune: boolean }> = [];
  while (waiting.length > 0 || running.length > 0) {
    while (waiting.length > 0 && running.length < reference.concurrent) running.push(waiting.shift()!);
    for (const i of [...running].sort((a, b) => a - b)) {
      const trial = trials[i];
      const values = [...(trial.intermediate as number[]), curves[i][trial.intermediate!.length]];
      trial.intermediate = values;
      const others = trials.filter((t) => t.index !== i && (t.state !== 'running' || running.includes(t.index)));
      const epoch = values.length;
      const decision = pruneDecision({ pruner, direction, epoch, values, others });
      decisions.push({ trial: i, epoch, prune: decision.prune });
      if (decision.prune || epoch === curves[i].length) {
        trial.state = decision.prune ? 'pruned' : 'complete';
        if (!decision.prune) trial.value = values[epoch - 1];
        running.splice(running.indexOf(i), 1);
      }
    }
  }
  return decisions;
}

describe('pruners, against Optuna 3.1 (tools/reference/pruners_reference.py)', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s: the same decision at every epoch of every trial', (_name, c) => {
    const ours = replay(c.pruner as SearchPruner, c.direction as SearchDirection, c.sign);
    expect(ours).toEqual(c.decisions);
    expect(ours.some((d) => d.prune)).toBe(true);
  });
});

describe('pruneDecision', () => {
  const complete = (index: number, intermediate: number[]): SearchTrial => ({ index, params: {}, state: 'complete', value: intermediate[intermediate.length - 1], intermediate });
  const others = [complete(0, [0.7, 0.8, 0.85]), complete(1, [0.72, 0.78, 0.84]), complete(2, [0.6, 0.75, 0.8]), complete(3, [0.65, 0.79, 0.82]), complete(4, [0.7, 0.81, 0.83]), complete(5, [0.7, 0.77, 0.81])];

  it('median: explains a prune with the epoch, the value, the median and how many trials it is of', () => {
    const decision = pruneDecision({ pruner: { type: 'median', startup_trials: 5, warmup_epochs: 1 }, direction: 'maximize', epoch: 2, values: [0.6, 0.71], others });
    expect(decision).toEqual({ prune: true, rule: 'median: epoch 2 value 0.71 below the median 0.785 of 6 trials' });
    // The trial's best so far counts, not its last value.
    expect(pruneDecision({ pruner: { type: 'median' }, direction: 'maximize', epoch: 2, values: [0.79, 0.71], others })).toEqual({ prune: false });
    // In the warmup, or before startup_trials complete trials, never.
    expect(pruneDecision({ pruner: { type: 'median', warmup_epochs: 2 }, direction: 'maximize', epoch: 2, values: [0.6, 0.61], others })).toEqual({ prune: false });
    expect(pruneDecision({ pruner: { type: 'median', startup_trials: 7 }, direction: 'maximize', epoch: 2, values: [0.6, 0.61], others })).toEqual({ prune: false });
    // Minimizing a loss: above the median.
    const losses = others.map((t) => ({ ...t, intermediate: t.intermediate!.map((v) => 1 - (v as number)) }));
    expect(pruneDecision({ pruner: { type: 'median' }, direction: 'minimize', epoch: 3, values: [0.5, 0.4, 0.3], others: losses })).toEqual({ prune: true, rule: 'median: epoch 3 value 0.3 above the median 0.175 of 6 trials' });
  });

  it('median: a NaN metric is pruned', () => {
    expect(pruneDecision({ pruner: { type: 'median' }, direction: 'maximize', epoch: 1, values: [NaN], others })).toEqual({ prune: true, rule: 'median: epoch 1 value is NaN' });
  });

  it('asha: prunes only at rungs, keeping the top 1/reduction_factor of the values there, the trials that went on included', () => {
    const pruner: SearchPruner = { type: 'asha', min_epochs: 1, reduction_factor: 3 };
    const input = { pruner, direction: 'maximize' as const, others };
    // Epoch 3 is rung 1: 7 values, the top 7 // 3 = 2 go on (threshold 0.84).
    expect(pruneDecision({ ...input, epoch: 3, values: [0.8, 0.8, 0.812] })).toEqual({ prune: true, rule: 'asha: epoch 3 value 0.812 below the top 1/3 of rung 1 (0.84, 7 trials)' });
    expect(pruneDecision({ ...input, epoch: 3, values: [0.8, 0.8, 0.84] })).toEqual({ prune: false });
    // Epoch 2 is no rung.
    expect(pruneDecision({ ...input, epoch: 2, values: [0.1, 0.1] })).toEqual({ prune: false });
    // Alone at a rung (fewer than reduction_factor values), the trial must be the best.
    expect(pruneDecision({ ...input, epoch: 1, values: [0.5], others: [complete(0, [0.6])] }).prune).toBe(true);
    expect(pruneDecision({ ...input, epoch: 1, values: [0.7], others: [complete(0, [0.6])] }).prune).toBe(false);
    // Close values get the digits that tell them apart.
    expect(pruneDecision({ ...input, epoch: 1, values: [0.84491], others: [complete(0, [0.84494])] })).toEqual({ prune: true, rule: 'asha: epoch 1 value 0.84491 below the top 1/3 of rung 0 (0.84494, 2 trials)' });
  });

  it('is the same whatever the order of the other trials', () => {
    const input = { pruner: { type: 'asha' } as SearchPruner, direction: 'maximize' as const, epoch: 3, values: [0.8, 0.8, 0.812] };
    const a: PruneDecision = pruneDecision({ ...input, others });
    expect(pruneDecision({ ...input, others: [...others].reverse() })).toEqual(a);
  });

  it('finds the rungs and interpolates the median as numpy does', () => {
    expect([1, 2, 3, 4, 9, 27, 28].map((e) => rungAt(e, 1, 3))).toEqual([0, undefined, 1, undefined, 2, 3, undefined]);
    expect([2, 4, 8, 6].map((e) => rungAt(e, 2, 2))).toEqual([0, 1, 2, undefined]);
    expect(percentile([3, 1, 2, 4], 50)).toBe(2.5);
    expect(percentile([3, NaN, 1], 50)).toBe(2);
  });
});
