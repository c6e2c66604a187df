import type { TrialConfig } from '@ablate/spec';
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
}

export interface Expansion {
  /** Experiment name (results folder). */
  name: string;
  trials: Trial[];
  variants: string[];
  gridPaths: string[];
  seeds: number[];
}
