import { fork as forkProcess, type ChildProcess, type ForkOptions } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { backendNotice, selectBackend } from '@ablate/backend';
import { locate } from '@ablate/config';
import { RunInterrupted, runExperiment, runSearch, runSearchWithWorkers, runWithWorkers, Study, type Rerun, type RunOptions } from '@ablate/pipeline';
import { BACKEND_NAMES, listOf, REPRODUCIBLE_MODES, UserError, type BackendName, type Locate } from '@ablate/spec';
import { expansionSummary, parseShard, searchSummary, shardOf, TrialStore } from '@ablate/sweep';
import { parseOptions } from '../cli/options';
import { planWithData } from './plan';
import { jsonLine } from '../progress/json-events';
import { progressEvents, progressMode } from '../progress/progress';
import { reportPlan, reportSummary } from './experiment-report';
import { EXPERIMENT_OPTIONS, type Command } from './command';
import { catchStopSignals, EXIT_STATUS, type StopSignal } from './stop-signals';

const options = {
  ...EXPERIMENT_OPTIONS,
  backend: { type: 'string', description: `Compute backend: ${BACKEND_NAMES.join(', ')} (default: the experiment's, else auto).` },
  threads: { type: 'string', description: 'Threads of the native backends (default: all cores; 1 with --reproducible strict).' },
  reproducible: { type: 'string', description: 'strict: byte-identical results on any x86-64 CPU with AVX2 (native backend, oneDNN capped at AVX2, fixed threads), slower; default: fastest.' },
  rerun: { type: 'string', description: 'Run again trials already on disk: failed, or all.' },
  workers: { type: 'string', description: 'Run trials in N processes on this machine (default 1; threads per process default to cores / N).' },
  shard: { type: 'string', description: 'Run only shard i of n (i/n, every n-th trial), e.g. on a cluster: see `ablate slurm`.' },
  quiet: { type: 'boolean', description: 'Print only the end of each trial and errors.' },
  'no-report': { type: 'boolean', description: 'Do not write the tables and plots at the end (a Slurm array task: one job writes them after all tasks).' },
  json: { type: 'boolean', description: 'Print one JSON object per line on stdout, for scripts: sweep, trial_started, log, epoch, trial_finished, trial_failed, trial_pruned, trial_skipped, sweep_finished (the rest goes to stderr).' },
} as const;

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--${name} ${value} is not a whole number >= 1.`);
  return n;
}

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UserError(`--${name} ${value} is not one of ${listOf(allowed)}.`, { hint: `Use --${name} ${allowed[0]}.` });
  return value as T;
}

/** What a signal left (the trial's checkpoint), and the exit status that says a signal stopped the run. */
function stopped(error: RunInterrupted, json: ((text: string) => void) | undefined, say: (text: string) => void): number {
  const status = EXIT_STATUS[error.signal as StopSignal];
  const where = error.trial ? `trial ${error.trial.id} ${error.trial.epochs > 0 ? `has its checkpoint after epoch ${error.trial.epochs}` : 'had not finished an epoch'}` : 'no trial was training';
  json?.(jsonLine('interrupted', { signal: error.signal, ...(error.trial ? { id: error.trial.id, epochs: error.trial.epochs } : {}), exit: status }));
  say(`interrupted by ${error.signal}: ${where}; finished trials are kept. Run the same command to resume.\n`);
  return status;
}

export const execCommand: Command = {
  name: 'exec',
  summary: 'Runs every trial of an experiment that is not done yet, then writes its tables.',
  options,
  async run(argv, io) {
    const opts = parseOptions('exec', options, argv);
    const plan = planWithData(opts.experiment as string, { set: opts.set });
    const { experiment, expansion, loaded } = plan;
    const workers = positive('workers', opts.workers) ?? 1;
    const strict = (choice('reproducible', opts.reproducible, REPRODUCIBLE_MODES) ?? experiment.reproducible ?? 'default') === 'strict';
    // Strict runs keep one thread count on every machine (1 unless given), whatever the worker count.
    const threads = positive('threads', opts.threads) ?? experiment.threads ?? (strict ? 1 : workers > 1 ? Math.max(1, Math.floor(cpus().length / workers)) : undefined);
    const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
    const requested = choice('backend', opts.backend, BACKEND_NAMES) ?? (experiment.backend as BackendName | undefined) ?? 'auto';
    const backend = await selectBackend(requested, { threads, strict });
    const rerun = choice<Rerun>('rerun', opts.rerun, ['failed', 'all', 'none']) ?? 'none';
    const resultsDir = resolve(experiment.results_dir ?? 'results', expansion.name);
    const store = new TrialStore(resultsDir);
    const rel = relative(process.cwd(), resultsDir);
    const shown = rel.startsWith('..') ? resultsDir : rel || '.';
    const search = expansion.search;
    const study = search && new Study(search, store);
    const trials = search ? [] : shardOf(expansion.trials, shard);
    // Every shard of a search is one more proposer of the same study (the study's lock shares the budget).
    const scope = shard ? `; shard ${shard.index}/${shard.count}: ${search ? 'one of the processes sharing the study' : `${trials.length} trials`}` : '';
    const mode = progressMode({ quiet: opts.quiet, json: opts.json, tty: process.stdout.isTTY === true });
    // With --json, stdout holds only JSON lines: the sentences go to stderr.
    const say = mode === 'json' ? io.err : io.out;
    if (mode === 'json') io.out(jsonLine('sweep', { experiment: expansion.name, file: loaded.display, trials: search ? null : trials.length, ...(search ? { search: searchSummary(search) } : {}), ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}), results: shown, backend: backend.name, workers }));
    say(`${loaded.display}: ${search ? searchSummary(search) : expansionSummary(expansion)}${scope}; results in ${shown}/\n${backendNotice(backend)}${workers > 1 ? ` in each of ${workers} worker processes` : ''}\n`);
    const events = progressEvents(mode, { write: io.out, stream: process.stdout }, workers);
    const where: Locate = (pointer, prefer) => locate(loaded.doc.positions, pointer, prefer);
    const children: ChildProcess[] = [];
    const signals = catchStopSignals({
      force: true,
      onFirst: (signal) => {
        io.err(`${signal}: stopping at the end of the running epoch, after its checkpoint (Ctrl-C again to stop at once); the same command resumes.\n`);
        for (const child of children) if (child.exitCode === null) child.kill(signal);
      },
    });
    const runOptions: RunOptions = { experiment: expansion.name, baseDir: dirname(loaded.file), store, backend, locate: where, rerun, events, stop: signals.requested, plugins: loaded.plugins };
    // A worker re-reads the experiment with the same options and serves the trials it is sent.
    const workerArgs: string[] = ['worker', '--experiment', opts.experiment as string, ...(opts.set ?? []).flatMap((s) => ['--set', s]), '--backend', backend.name, '--threads', String(threads ?? cpus().length), '--rerun', rerun, '--reproducible', strict ? 'strict' : 'default'];
    let outcomes;
    let interrupted: RunInterrupted | undefined;
    try {
      const forkOptions: ForkOptions = { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] };
      const startWorker = (): ChildProcess => {
        const child = forkProcess(process.argv[1], workerArgs, forkOptions);
        children.push(child);
        return child;
      };
      if (study) outcomes = workers > 1 ? await runSearchWithWorkers({ ...runOptions, study, workers, fork: startWorker }) : await runSearch({ ...runOptions, study });
      else outcomes = workers > 1 ? await runWithWorkers(trials, { ...runOptions, workers, fork: startWorker }) : await runExperiment(trials, runOptions);
    } catch (error) {
      if (!(error instanceof RunInterrupted)) throw error;
      interrupted = error;
    } finally {
      events.stop();
      signals.release();
    }
    if (interrupted || !outcomes) return stopped(interrupted as RunInterrupted, mode === 'json' ? io.out : undefined, say);
    const ran = outcomes.filter((o) => o.status !== 'skipped');
    const failed = outcomes.filter((o) => o.status === 'failed');
    const pruned = outcomes.filter((o) => o.status === 'pruned');
    const skipped = outcomes.filter((o) => o.status === 'skipped');
    const elsewhere = skipped.filter((o) => o.reason === 'running in another process').length;
    const failedBefore = skipped.filter((o) => store.status(o.trial.id) === 'failed').length;
    const earlier = failedBefore > 0 ? `, ${failedBefore} failed in an earlier run (not retried; --rerun failed retries them)` : '';
    const others = elsewhere > 0 ? `, ${elsewhere} left to another process running them` : '';
    const state = study?.state();
    if (mode === 'json') io.out(jsonLine('sweep_finished', { done: ran.length - failed.length - pruned.length, pruned: pruned.length, failed: failed.length, skipped: skipped.length - failedBefore - elsewhere, failed_before: failedBefore, elsewhere, results: shown, ...(state ? { search: state } : {}) }));
    say(`${ran.length - failed.length - pruned.length} trial(s) done, ${pruned.length ? `${pruned.length} pruned, ` : ''}${failed.length} failed, ${skipped.length - failedBefore - elsewhere} already done (skipped)${earlier}${others}. Trial folders: ${join(shown, '<trial-id>')}/\n`);
    if (study && state) say(studyText(study, state));
    if (!opts['no-report']) say(reportSummary(await reportPlan(plan, `npx ablate report --experiment ${opts.experiment as string}`), shown, plan));
    for (const f of failed) io.err(`trial ${f.trial.id} failed: ${f.reason} (recorded in ${join(shown, f.trial.id, 'metrics.json')})\n`);
    // In a search a diverging configuration is one of the study's results (as in Optuna), not an error of the run.
    return failed.length > 0 && !study ? 1 : 0;
  },
};

/** Where the study stands: its proposals by state and the best so far. */
function studyText(study: Study, state: NonNullable<ReturnType<Study['state']>>): string {
  const { spec } = study.plan;
  const budget = spec.trials !== undefined ? ` of ${spec.trials}` : '';
  const best = state.best ? `; best: proposal ${state.best.index}, ${spec.metric} ${state.best.value.toPrecision(4)}` : '';
  const running = state.running ? `, ${state.running} unfinished (running elsewhere, or killed: the same command resumes them)` : '';
  return `search: ${state.proposals}${budget} configurations (${state.complete} complete, ${state.pruned} pruned, ${state.failed} failed${running})${best}\n`;
}
