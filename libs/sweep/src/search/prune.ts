/**
 * The pruner's decision after an epoch: stop this trial or let it go on, with the rule that
 * stopped it in words. A pure function of its inputs (no state between calls): call it after
 * every epoch, with the values so far.
 */
import { ashaDecision } from './asha-pruner';
import { medianDecision } from './median-pruner';
import type { PruneDecision, PruneInput } from './prune-types';

export function pruneDecision(input: PruneInput): PruneDecision {
  const { pruner } = input;
  switch (pruner.type) {
    case 'none':
      return { prune: false };
    case 'median':
      return medianDecision({ ...input, pruner });
    case 'asha':
      return ashaDecision({ ...input, pruner });
  }
}
