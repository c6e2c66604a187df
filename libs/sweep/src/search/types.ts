/**
 * The `search:` block of an experiment as the samplers and pruners read it, and the history of a
 * study they decide from. Structurally the same as libs/spec's TypeBox schema (SearchSpec): the
 * search functions here stay plain data in, plain data out, and never read files.
 */

/** `when: { optimizer.type: sgd }` or `{ optimizer.type: [sgd, nesterov] }`: the param exists only then. */
export type SearchCondition = Record<string, unknown>;

export type SearchParam =
  | { type: 'uniform'; low: number; high: number; step?: number; when?: SearchCondition }
  | { type: 'log_uniform'; low: number; high: number; when?: SearchCondition }
  | { type: 'int'; low: number; high: number; step?: number; log?: boolean; when?: SearchCondition }
  | { type: 'choice'; values: unknown[]; when?: SearchCondition };

/** Dotted path into the experiment (as grid keys) → its distribution. */
export type SearchSpace = Record<string, SearchParam>;

export type SearchSampler =
  | { type: 'random' }
  | {
      type: 'tpe';
      /** Proposals drawn at random before the densities are used (Optuna's n_startup_trials). Default 10. */
      startup_trials?: number;
      /** Candidates drawn from l(x) per parameter (Optuna's n_ei_candidates). Default 24. */
      ei_candidates?: number;
      /** Fraction of the finished trials that are "good", at most 25 of them: min(ceil(gamma n), 25). Default 0.1 (Optuna's default_gamma). */
      gamma?: number;
      /** Weight of the prior component in each density. Default 1. */
      prior_weight?: number;
    };

export type SearchPruner =
  | { type: 'none' }
  /** Optuna's MedianPruner: startup_trials completed trials first (default 5); never in the first warmup_epochs epochs (default 0). */
  | { type: 'median'; startup_trials?: number; warmup_epochs?: number }
  /** Optuna's SuccessiveHalvingPruner: rungs at epochs min_epochs * reduction_factor^k (defaults 1 and 3). */
  | { type: 'asha'; min_epochs?: number; reduction_factor?: number };

export type SearchDirection = 'maximize' | 'minimize';

export interface SearchSpec {
  space: SearchSpace;
  sampler?: SearchSampler;
  seed?: number;
  trials?: number;
  hours?: number;
  metric: string;
  direction?: SearchDirection;
  pruner?: SearchPruner;
  confirm?: { top: number; seeds: number };
}

/** A proposal's parameters: path → value, only the active ones (a param whose `when` fails is absent). */
export type SearchParams = Record<string, unknown>;

export type TrialState = 'complete' | 'pruned' | 'failed' | 'running';

/** One trial of a study as the samplers and pruners see it. */
export interface SearchTrial {
  /** The proposal's number (0, 1, ...). */
  index: number;
  params: SearchParams;
  state: TrialState;
  /** The final value of the metric (complete trials). */
  value?: number;
  /** The metric after each epoch: intermediate[e - 1] is epoch e's (undefined where not reported). */
  intermediate?: ReadonlyArray<number | undefined>;
}
