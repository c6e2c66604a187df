/** load → validate → expand, for one experiment file: what `validate` checks and `exec` runs. Never touches tfjs. */
import type { Experiment } from '@ablate/spec';
import { loadExperiment, validateExperiment, type LoadedExperiment } from '@ablate/config';
import { expandExperiment } from './expand';
import type { Expansion } from './trial';

export interface Plan {
  loaded: LoadedExperiment;
  experiment: Experiment;
  expansion: Expansion;
}

export function planExperiment(file: string, options: { set?: readonly string[]; cwd?: string } = {}): Plan {
  const loaded = loadExperiment(file, options);
  const experiment = validateExperiment(loaded);
  const expansion = expandExperiment(experiment, loaded.doc, experiment.name ?? loaded.defaultName);
  return { loaded, experiment, expansion };
}
