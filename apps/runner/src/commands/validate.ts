import { expansionSummary, searchSummary, searchTable, trialTable } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { checkModels } from './check-models';
import { planWithData } from './plan';
import { EXPERIMENT_OPTIONS, type Command } from './command';

const options = {
  ...EXPERIMENT_OPTIONS,
  list: { type: 'boolean', description: 'Also print every trial: id, variant, grid values, seed (a search: its space, sampler, pruner and budget, and the first proposal).' },
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
    const search = plan.expansion.search;
    io.out(`${plan.loaded.display}: valid: ${search ? searchSummary(search) : expansionSummary(plan.expansion)}.\n`);
    const n = plan.expansion.trials.length;
    const trials = search ? 'every trial of the search' : n === 1 ? 'its one trial' : `all ${n} trials`;
    for (const plugin of plan.loaded.plugins) {
      io.out(`plug-in ${plugin.shown} (source ${plugin.sha256.slice(0, 12)}): ${plugin.components.join(', ')}; part of the identity of ${trials}, which an edit of its code reruns.\n`);
    }
    if (opts.list && search) io.out(`${searchTable(search)}\n\nthe first proposal (the others depend on the results):\n${trialTable(plan.expansion)}\n`);
    else if (opts.list) io.out(trialTable(plan.expansion) + '\n');
    return 0;
  },
};
