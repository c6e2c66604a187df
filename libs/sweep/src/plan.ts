/** load → validate → expand, for one experiment file: what `validate` checks and `exec` runs. Never touches tfjs. */
import type { Experiment } from '@ablate/spec';
import { loadExperiment, validateExperiment, type LoadedExperiment } from '@ablate/config';
import { dirname } from 'node:path';
import { expandExperiment } from './expand';
import type { Expansion } from './trial';

export interface Plan {
  loaded: LoadedExperiment;
  experiment: Experiment;
  expansion: Expansion;
}

export interface PlanOptions {
  set?: readonly string[];
  cwd?: string;
  /**
   * The content fingerprint of a dataset, its paths relative to `baseDir` (the experiment's
   * folder); when given, it is part of every trial id (apps/runner passes libs/data's).
   */
  dataFingerprint?: (dataset: Experiment['dataset'], baseDir: string) => string;
}

export function planExperiment(file: string, options: PlanOptions = {}): Plan {
  const loaded = loadExperiment(file, options);
  const experiment = validateExperiment(loaded);
  const fingerprint = options.dataFingerprint;
  const baseDir = dirname(loaded.file);
  // The plug-ins' source is part of every trial's identity: editing one reruns the trials that load it.
  const plugins = loaded.plugins.map((p) => `plugin:${p.sha256}`).join(',');
  const identity =
    fingerprint || plugins ? (dataset: Experiment['dataset']) => [...(fingerprint ? [fingerprint(dataset, baseDir)] : []), ...(plugins ? [plugins] : [])].join('|') : undefined;
  const expansion = expandExperiment(experiment, loaded.doc, experiment.name ?? loaded.defaultName, identity);
  return { loaded, experiment, expansion };
}
