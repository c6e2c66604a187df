import { expansionSummary, trialTable } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { checkModels } from './check-models';
import { planWithData } from './plan';
import { EXPERIMENT_OPTIONS, type Command } from './command';

const options = {
  ...EXPERIMENT_OPTIONS,
  list: { type: 'boolean', description: 'Also print every trial: id, variant, grid values, seed.' },
} as const;

export const validateCommand: Command = {
  name: 'validate',
  summary: "Checks an experiment (schema, references, every trial of its grid, each model against its data's shapes) without training anything.",
  options,
  async run(argv, io) {
    const opts = parseOptions('validate', options, argv);
    const plan = planWithData(opts.experiment as string, { set: opts.set });
    const notes = await checkModels(plan);
    for (const note of notes) io.err(`note: ${note}\n`);
    io.out(`${plan.loaded.display}: valid: ${expansionSummary(plan.expansion)}.\n`);
    if (opts.list) io.out(trialTable(plan.expansion) + '\n');
    return 0;
  },
};
