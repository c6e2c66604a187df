/** What one trial runs: the run-affecting sections of an experiment, fully resolved, plus its seed. */
import type { Experiment } from './experiment';

/** The keys of a trial's config, in their canonical order. Everything else (name, grid, report, backend, ...) does not change results. */
export const TRIAL_KEYS = [
  'seed',
  'vars',
  'dataset',
  'preprocessing',
  'split',
  'augmentation',
  'model',
  'optimizer',
  'schedule',
  'task',
  'loss',
  'training',
  'evaluation',
] as const;

export type TrialConfig = Pick<Experiment, Exclude<(typeof TRIAL_KEYS)[number], 'seed'>> & { seed: number };
