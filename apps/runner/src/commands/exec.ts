import { dirname, join, relative, resolve } from 'node:path';
import { backendNotice, selectBackend } from '@ablate/backend';
import { locate } from '@ablate/config';
import { runExperiment, type Rerun } from '@ablate/pipeline';
import { BACKEND_NAMES, listOf, UserError, type BackendName } from '@ablate/spec';
import { expansionSummary, planExperiment, TrialStore } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { progressEvents } from '../progress/progress';
import { EXPERIMENT_OPTIONS, type Command } from './command';

const options = {
  ...EXPERIMENT_OPTIONS,
  backend: { type: 'string', description: `Compute backend: ${BACKEND_NAMES.join(', ')} (default: the experiment's, else auto).` },
  threads: { type: 'string', description: 'Threads of the native backends (default: all cores).' },
  rerun: { type: 'string', description: 'Run again trials already on disk: failed, or all.' },
  quiet: { type: 'boolean', description: 'Print only the end of each trial and errors.' },
} as const;

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UserError(`--${name} ${value} is not one of ${listOf(allowed)}.`, { hint: `Use --${name} ${allowed[0]}.` });
  return value as T;
}

export const execCommand: Command = {
  name: 'exec',
  summary: 'Runs every trial of an experiment that is not done yet, then writes its tables.',
  options,
  async run(argv, io) {
    const opts = parseOptions('exec', options, argv);
    const plan = planExperiment(opts.experiment as string, { set: opts.set });
    const { experiment, expansion, loaded } = plan;
    const threads = opts.threads === undefined ? experiment.threads : Number(opts.threads);
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new UserError(`--threads ${opts.threads} is not a whole number >= 1.`);
    const backend = await selectBackend(choice('backend', opts.backend, BACKEND_NAMES) ?? (experiment.backend as BackendName | undefined) ?? 'auto', { threads });
    const rerun = choice<Rerun>('rerun', opts.rerun, ['failed', 'all', 'none']) ?? 'none';
    const resultsDir = resolve(experiment.results_dir ?? 'results', expansion.name);
    const store = new TrialStore(resultsDir);
    const rel = relative(process.cwd(), resultsDir);
    const shown = rel.startsWith('..') ? resultsDir : rel || '.';
    io.out(`${loaded.display}: ${expansionSummary(expansion)}; results in ${shown}/\n${backendNotice(backend)}\n`);
    const mode = opts.quiet ? 'quiet' : process.stdout.isTTY ? 'bars' : 'lines';
    const events = progressEvents(io.out, mode);
    let outcomes;
    try {
      outcomes = await runExperiment(expansion.trials, {
        experiment: expansion.name,
        baseDir: dirname(loaded.file),
        store,
        backend,
        locate: (pointer, prefer) => locate(loaded.doc.positions, pointer, prefer),
        rerun,
        events,
      });
    } finally {
      events.stop();
    }
    const ran = outcomes.filter((o) => o.status !== 'skipped');
    const failed = outcomes.filter((o) => o.status === 'failed');
    const skipped = outcomes.length - ran.length;
    io.out(`${ran.length - failed.length} trial(s) done, ${failed.length} failed, ${skipped} already done (skipped). Trial folders: ${join(shown, '<trial-id>')}/\n`);
    for (const f of failed) io.err(`trial ${f.trial.id} failed: ${f.reason} (recorded in ${join(shown, f.trial.id, 'metrics.json')})\n`);
    return failed.length > 0 ? 1 : 0;
  },
};
