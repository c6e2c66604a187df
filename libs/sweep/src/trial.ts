import type { ResolvedSearch, TrialConfig } from '@ablate/spec';
import type { Json } from '@ablate/config';

/** One grid coordinate of a trial: a dotted path and its value. */
export interface GridValue {
  path: string;
  value: Json;
}

/** One run: a variant × a grid point × a seed, fully resolved. */
export interface Trial {
  /** Hash of `config`: equal configs, equal ids. */
  id: string;
  /** Position in the expansion order (variants, then grid points, then seeds). */
  index: number;
  variant?: string;
  grid: GridValue[];
  seed: number;
  config: TrialConfig;
  /** A search's trial: the number of the proposal (configuration) it runs. */
  proposal?: number;
}

export interface Expansion {
  /** Experiment name (results folder). */
  name: string;
  trials: Trial[];
  variants: string[];
  gridPaths: string[];
  seeds: number[];
  /** Set when the experiment has `search:`: its trials are proposed as the study runs (`trials` holds the first proposal's). */
  search?: SearchPlan;
}

/** A search experiment's study, as planned: the resolved `search:` and how a proposal becomes trials. */
export interface SearchPlan {
  spec: ResolvedSearch;
  /** The seeds every proposal runs with (the experiment's seed/repeats/seeds). */
  seeds: number[];
  /** The seeds of `search.confirm`: new ones, after the search's. */
  confirmSeeds: number[];
  /**
   * The trials of one configuration, its values set on the experiment as a grid point would be
   * (`grid` holds them), once per seed (default: `seeds`), numbered from `index`.
   */
  trialsFor(params: Readonly<Record<string, Json>>, options: { proposal: number; index: number; seeds?: readonly number[] }): Trial[];
}
