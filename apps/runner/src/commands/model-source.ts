/**
 * The models `summary` and `figure` show: each distinct model of an experiment's trials, or one
 * model file compiled on its own with the facts its `${data.*}` needs given as options.
 */
import { dirname } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { locate } from '@ablate/config';
import { factsOf } from '@ablate/data';
import { compileModel, type CompiledModel } from '@ablate/models';
import { UserError } from '@ablate/spec';
import { canonicalJson } from '@ablate/sweep';
import { EXPERIMENT_OPTIONS } from './command';
import { compileModelFile } from './model-file';
import { planWithData } from './plan';

export const MODEL_SOURCE_OPTIONS = {
  experiment: { ...EXPERIMENT_OPTIONS.experiment, required: false, description: 'The experiment YAML file: each distinct model of its trials.' },
  model: { type: 'string', description: 'Or a model file alone, e.g. experiments/models/mobilenet-v1-notes.yaml, with --input-shape and --classes.' },
  'input-shape': { type: 'string', description: "With --model: one example's shape without the batch axis, e.g. 32,32,3." },
  classes: { type: 'string', description: 'With --model: the number of classes, ${data.classes} in the file, e.g. 10.' },
  'vocab-size': { type: 'string', description: 'With --model, for a text model: the token ids its embedding takes, ${data.vocab_size} (a text dataset\'s max_vocab + 2), e.g. 20002.' },
  'vectors-dim': { type: 'string', description: 'With --model, for an embedding with `vectors: true`: the word vectors\' dimension, ${data.vectors_dim}, e.g. 300.' },
  set: { ...EXPERIMENT_OPTIONS.set, description: 'Override a value: --set vars.bn=false (repeatable; with --model, other paths patch the model file).' },
  help: EXPERIMENT_OPTIONS.help,
} as const;

type SourceOptions = { experiment?: unknown; model?: unknown; 'input-shape'?: unknown; classes?: unknown; 'vocab-size'?: unknown; 'vectors-dim'?: unknown; set?: string[] };

export interface ShownModel {
  compiled: CompiledModel;
  /** For an experiment's model: the variant and grid values of the trials that have it ('' for one model). */
  which: string;
  /** The model file's or the experiment's name. */
  name: string;
}

/** Every distinct model (same model, vars and data facts: once), compiled on the JavaScript CPU backend. */
export async function* shownModels(command: string, opts: SourceOptions): AsyncGenerator<ShownModel> {
  if ((opts.experiment === undefined) === (opts.model === undefined)) {
    throw new UserError(`\`${command}\` needs ${opts.model === undefined ? 'either' : 'only one of'} --experiment or --model.`, {
      hint: 'Give --experiment <file>, or --model <file> --input-shape 32,32,3 --classes 10.',
    });
  }
  const modelOnly = ['input-shape', 'classes', 'vocab-size', 'vectors-dim'] as const;
  if (opts.model === undefined && modelOnly.some((o) => opts[o] !== undefined)) {
    throw new UserError(`${modelOnly.map((o) => `--${o}`).join(', ')} go with --model; an experiment takes them from its dataset.`, { hint: 'Remove them, or use --model <file>.' });
  }
  await selectBackend('cpu');
  if (opts.model !== undefined) {
    const compiled = compileModelFile(String(opts.model), { inputShape: opts['input-shape'] as string, classes: opts.classes as string, vocabSize: opts['vocab-size'] as string, vectorsDim: opts['vectors-dim'] as string, set: opts.set, command });
    yield { compiled, which: '', name: compiled.summary.name };
    return;
  }
  const { expansion, loaded } = planWithData(String(opts.experiment), { set: opts.set });
  const seen = new Set<string>();
  for (const trial of expansion.trials) {
    const { config } = trial;
    // The data's facts without reading it when the experiment or an earlier look at the data says enough.
    const { facts } = factsOf(config, { baseDir: dirname(loaded.file), seed: trial.seed });
    const key = canonicalJson([config.model, config.vars ?? {}, facts]);
    if (seen.has(key)) continue;
    seen.add(key);
    const compiled = compileModel(config.model, facts, { seed: trial.seed, vars: config.vars, locate: (p, prefer) => locate(loaded.doc.positions, p, prefer), name: expansion.name });
    const which = [trial.variant !== undefined ? `variant "${trial.variant}"` : '', ...trial.grid.map((g) => `${g.path}=${JSON.stringify(g.value)}`)].filter(Boolean).join(', ');
    yield { compiled, which, name: expansion.name };
  }
}
