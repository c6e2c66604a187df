/** What a pruner decides from, and what it decides. */
import type { SearchDirection, SearchPruner, SearchTrial } from './types';

export interface PruneInput {
  pruner: SearchPruner;
  direction: SearchDirection;
  /** The epoch just ended (1-based). */
  epoch: number;
  /** This trial's metric after each epoch so far: values[e - 1] is epoch e's. */
  values: ReadonlyArray<number>;
  /** The study's other trials, with their intermediate values (any order; this trial excluded). */
  others: readonly SearchTrial[];
}

export type PruneDecision = { prune: false } | { prune: true; rule: string };
