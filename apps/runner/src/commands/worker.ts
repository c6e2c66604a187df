/** Internal: a worker process of `exec --workers N` (it serves the trials its parent sends). */
import { dirname, resolve } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { locate } from '@ablate/config';
import { serveTrials, Study, type Rerun } from '@ablate/pipeline';
import type { BackendName } from '@ablate/spec';
import { TrialStore } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { planWithData } from './plan';
import { EXPERIMENT_OPTIONS, type Command } from './command';
import { catchStopSignals } from './stop-signals';

const options = {
  ...EXPERIMENT_OPTIONS,
  backend: { type: 'string', required: true, description: 'The backend the parent chose.' },
  threads: { type: 'string', required: true, description: 'Threads of this process.' },
  rerun: { type: 'string', required: true, description: 'The parent rerun mode.' },
  reproducible: { type: 'string', required: true, description: 'The parent reproducible mode.' },
} as const;

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Internal: serves the trials of a parent `exec --workers N` process.',
  options,
  hidden: true,
  async run(argv) {
    const opts = parseOptions('worker', options, argv);
    const { experiment, expansion, loaded } = planWithData(opts.experiment as string, { set: opts.set });
    const backend = await selectBackend(opts.backend as BackendName, { threads: Number(opts.threads), strict: opts.reproducible === 'strict' });
    const store = new TrialStore(resolve(experiment.results_dir ?? 'results', expansion.name));
    // A signal (from the terminal's Ctrl-C, or forwarded by the parent) stops the trial at its epoch's end, after its checkpoint.
    const signals = catchStopSignals();
    // A search's trials are made by the parent's study: the worker reads their proposal from disk.
    const study = expansion.search && new Study(expansion.search, store);
    serveTrials(expansion.trials, {
      experiment: expansion.name,
      baseDir: dirname(loaded.file),
      plugins: loaded.plugins,
      store,
      backend,
      locate: (p, prefer) => locate(loaded.doc.positions, p, prefer),
      rerun: opts.rerun as Rerun,
      stop: signals.requested,
      ...(study ? { find: (id: string, proposal: number) => study.trialOf(id, proposal), prune: study.prune } : {}),
    });
    await new Promise<void>((done) => process.on('disconnect', () => done()));
    return 0;
  },
};
