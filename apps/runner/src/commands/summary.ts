import { formatSummary } from '@ablate/models';
import { parseOptions } from '../cli/options';
import type { Command } from './command';
import { MODEL_SOURCE_OPTIONS, shownModels } from './model-source';

const options = MODEL_SOURCE_OPTIONS;

export const summaryCommand: Command = {
  name: 'summary',
  summary: "Prints each model of an experiment, or one model file: every layer's output shape, parameters and multiply-accumulates.",
  options,
  async run(argv, io) {
    const opts = parseOptions('summary', options, argv);
    for await (const { compiled, which } of shownModels('summary', opts)) {
      io.out(`${which ? `${which}\n` : ''}${formatSummary(compiled.summary)}\n`);
      compiled.model.dispose();
    }
    return 0;
  },
};
