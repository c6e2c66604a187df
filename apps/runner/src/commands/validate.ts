import { expansionSummary, trialTable } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { planWithData } from './plan';
import { EXPERIMENT_OPTIONS, type Command } from './command';

const options = {
  ...EXPERIMENT_OPTIONS,
  list: { type: 'boolean', description: 'Also print every trial: id, variant, grid values, seed.' },
} as const;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Checks an experiment (schema, references, every trial of its grid) without running anything.',
  options,
  async run(argv, io) {
    const opts = parseOptions('validate', options, argv);
    const plan = planWithData(opts.experiment as string, { set: opts.set });
    io.out(`${plan.loaded.display}: valid: ${expansionSummary(plan.expansion)}.\n`);
    if (opts.list) io.out(trialTable(plan.expansion) + '\n');
    return 0;
  },
};
