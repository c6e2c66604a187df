import { dirname } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { locate } from '@ablate/config';
import { describeData, prepareData } from '@ablate/data';
import { compileModel, formatSummary } from '@ablate/models';
import { canonicalJson } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { planWithData } from './plan';
import { EXPERIMENT_OPTIONS, type Command } from './command';

const options = { ...EXPERIMENT_OPTIONS } as const;

export const summaryCommand: Command = {
  name: 'summary',
  summary: "Prints each model of an experiment: every layer's output shape, parameters and multiply-accumulates.",
  options,
  async run(argv, io) {
    const opts = parseOptions('summary', options, argv);
    const { expansion, loaded } = planWithData(opts.experiment as string, { set: opts.set });
    await selectBackend('cpu');
    const seen = new Set<string>();
    for (const trial of expansion.trials) {
      const { config } = trial;
      // The data's facts without reading it when the experiment says enough; else from the prepared data.
      const facts = describeData(config) ?? prepareData(config, { baseDir: dirname(loaded.file), seed: trial.seed }).facts;
      const key = canonicalJson([config.model, config.vars ?? {}, facts]);
      if (seen.has(key)) continue;
      seen.add(key);
      const compiled = compileModel(config.model, facts, { seed: trial.seed, vars: config.vars, locate: (p, prefer) => locate(loaded.doc.positions, p, prefer), name: expansion.name });
      const which = [trial.variant !== undefined ? `variant "${trial.variant}"` : '', ...trial.grid.map((g) => `${g.path}=${JSON.stringify(g.value)}`)].filter(Boolean).join(', ');
      io.out(`${which ? `${which}\n` : ''}${formatSummary(compiled.summary)}\n`);
      compiled.model.dispose();
    }
    return 0;
  },
};
