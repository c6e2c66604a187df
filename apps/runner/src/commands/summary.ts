import { dirname } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { locate } from '@ablate/config';
import { factsOf } from '@ablate/data';
import { compileModel, formatSummary, type CompiledModel } from '@ablate/models';
import { UserError } from '@ablate/spec';
import { canonicalJson } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { planWithData } from './plan';
import { EXPERIMENT_OPTIONS, type Command, type Io } from './command';
import { compileModelFile } from './model-file';

const options = {
  experiment: { ...EXPERIMENT_OPTIONS.experiment, required: false, description: 'The experiment YAML file: prints each distinct model of its trials.' },
  model: { type: 'string', description: 'Or a model file alone, e.g. experiments/models/mobilenet-v1-notes.yaml, with --input-shape and --classes.' },
  'input-shape': { type: 'string', description: "With --model: one example's shape without the batch axis, e.g. 32,32,3." },
  classes: { type: 'string', description: 'With --model: the number of classes, ${data.classes} in the file, e.g. 10.' },
  'vocab-size': { type: 'string', description: 'With --model, for a text model: the token ids its embedding takes, ${data.vocab_size} (a text dataset\'s max_vocab + 2), e.g. 20002.' },
  'vectors-dim': { type: 'string', description: 'With --model, for an embedding with `vectors: true`: the word vectors\' dimension, ${data.vectors_dim}, e.g. 300.' },
  set: { ...EXPERIMENT_OPTIONS.set, description: 'Override a value: --set vars.bn=false (repeatable; with --model, other paths patch the model file).' },
  help: EXPERIMENT_OPTIONS.help,
} as const;

function print(io: Io, compiled: CompiledModel, heading = ''): void {
  io.out(`${heading ? `${heading}\n` : ''}${formatSummary(compiled.summary)}\n`);
  compiled.model.dispose();
}

/** Every distinct model of an experiment's trials (same model, vars and data facts: printed once). */
async function experimentModels(file: string, set: readonly string[] | undefined, io: Io): Promise<void> {
  const { expansion, loaded } = planWithData(file, { set });
  await selectBackend('cpu');
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
    print(io, compiled, which);
  }
}

export const summaryCommand: Command = {
  name: 'summary',
  summary: "Prints each model of an experiment, or one model file: every layer's output shape, parameters and multiply-accumulates.",
  options,
  async run(argv, io) {
    const opts = parseOptions('summary', options, argv);
    if ((opts.experiment === undefined) === (opts.model === undefined)) {
      throw new UserError(`\`summary\` needs ${opts.model === undefined ? 'either' : 'only one of'} --experiment or --model.`, {
        hint: 'Give --experiment <file>, or --model <file> --input-shape 32,32,3 --classes 10.',
      });
    }
    const modelOnly = ['input-shape', 'classes', 'vocab-size', 'vectors-dim'] as const;
    if (opts.model === undefined && modelOnly.some((o) => opts[o] !== undefined)) {
      throw new UserError(`${modelOnly.map((o) => `--${o}`).join(', ')} go with --model; an experiment takes them from its dataset.`, { hint: 'Remove them, or use --model <file>.' });
    }
    if (opts.model === undefined) {
      await experimentModels(opts.experiment as string, opts.set, io);
      return 0;
    }
    await selectBackend('cpu');
    print(io, compileModelFile(opts.model, { inputShape: opts['input-shape'], classes: opts.classes, vocabSize: opts['vocab-size'], vectorsDim: opts['vectors-dim'], set: opts.set }));
    return 0;
  },
};
