import { expansionSummary, planExperiment } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { EXPERIMENT_OPTIONS, type Command } from './command';

const options = { ...EXPERIMENT_OPTIONS } as const;

export const execCommand: Command = {
  name: 'exec',
  summary: 'Runs every trial of an experiment that is not done yet.',
  options,
  async run(argv, io) {
    const opts = parseOptions('exec', options, argv);
    const plan = planExperiment(opts.experiment as string, { set: opts.set });
    io.out(`${plan.loaded.display}: ${expansionSummary(plan.expansion)}.\n`);
    return 0;
  },
};
