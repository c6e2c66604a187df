/**
 * Every command plans an experiment the same way, so that `validate --list`, `exec`, the workers,
 * `report` and `slurm` agree on trial ids: the config and the contents of its data files.
 */
import { dataFingerprint } from '@ablate/data';
import { planExperiment, type Plan, type PlanOptions } from '@ablate/sweep';

export function planWithData(file: string, options: Omit<PlanOptions, 'dataFingerprint'> = {}): Plan {
  return planExperiment(file, { ...options, dataFingerprint: (dataset, baseDir) => dataFingerprint(dataset, { baseDir }) });
}
