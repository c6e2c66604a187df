import type { OptionSpecs } from '../cli/options';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  options: OptionSpecs;
  /** Internal commands are not listed. */
  hidden?: boolean;
  run(argv: readonly string[], io: Io): Promise<number>;
}

/** Options every experiment command takes. */
export const EXPERIMENT_OPTIONS = {
  experiment: { type: 'string', required: true, description: 'The experiment YAML file, e.g. experiments/quickstart.yaml.' },
  set: { type: 'string', multiple: true, description: "Override a value: --set training.epochs=5, --set 'optimizer={type: sgd, lr: 0.1}' (a dotted path and a YAML value; repeatable)." },
  help: { type: 'boolean', description: 'Show this help.' },
} as const;
