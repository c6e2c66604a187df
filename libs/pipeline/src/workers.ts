/**
 * `--workers N`: trials run in N child processes on one machine, each handed the next pending
 * trial when it is free (long and short trials balance out). The parent only schedules and
 * reports; a worker that dies loses only the trial it was running (never committed, so it runs
 * again next time); a user error in a worker stops the sweep as it would in one process.
 */
import type { ChildProcess } from 'node:child_process';
import { UserError } from '@ablate/spec';
import type { Trial } from '@ablate/sweep';
import type { HistoryRow, RunEvents, TrialEvents, TrialOutcome } from './events';
import { RunInterrupted } from './interrupted';
import { pendingTrials, runLocked, type RunOptions } from './run-experiment';

/** `proposal`: a search's trial, which the worker builds from the proposal's file (it is not in its expansion). */
export type ToWorker = { type: 'run'; id: string; proposal?: number } | { type: 'stop' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'log'; id: string; line: string }
  | { type: 'epoch-start'; id: string; epoch: number; epochs: number; batches: number }
  | { type: 'batch'; id: string; info: Parameters<NonNullable<TrialEvents['onBatch']>>[0] }
  | { type: 'epoch'; id: string; row: HistoryRow }
  | { type: 'done'; id: string; status: TrialOutcome['status']; metrics?: Record<string, number>; reason?: string; pruned?: TrialOutcome['pruned']; seconds: number }
  | { type: 'error'; id: string; message: string; user: boolean; hint?: string; at?: UserError['at']; path?: string }
  | { type: 'interrupted'; id: string; signal: NodeJS.Signals; epochs?: number };

export interface WorkerOptions extends RunOptions {
  workers: number;
  /** Starts one worker process (the runner's `worker` command with the same experiment and options). */
  fork: () => ChildProcess;
}

/**
 * Where the workers' trials come from: a fixed list (a grid), or a search's study, which decides
 * each next trial when a worker is free from what has finished (`busy`: the trials running now).
 */
export interface TrialSource {
  total: number;
  next(busy: ReadonlySet<string>): Promise<Trial | undefined>;
}

export async function runWithWorkers(trials: readonly Trial[], options: WorkerOptions): Promise<TrialOutcome[]> {
  const pending = pendingTrials(trials, options.store, options.rerun);
  const skipped: TrialOutcome[] = trials.filter((t) => !pending.includes(t)).map((trial) => ({ trial, status: 'skipped', seconds: 0 }));
  const queue = [...pending];
  const ran = await runSourceWithWorkers({ total: pending.length, next: async () => queue.shift() }, options);
  return [...skipped, ...ran].sort((a, b) => a.trial.index - b.trial.index);
}

/** Runs the source's trials in worker processes until it has none left; the outcomes in the order they ended. */
export async function runSourceWithWorkers(source: TrialSource, options: WorkerOptions): Promise<TrialOutcome[]> {
  const outcomes: TrialOutcome[] = [];
  const byId = new Map<string, Trial>();
  const busy = new Set<string>();
  // One decision at a time: a trial is busy before the next worker asks.
  let deciding: Promise<unknown> = Promise.resolve();
  const take = (): Promise<Trial | undefined> => {
    const taken = deciding.then(() => source.next(busy)).then((trial) => {
      if (trial) {
        busy.add(trial.id);
        byId.set(trial.id, trial);
      }
      return trial;
    });
    deciding = taken.catch(() => undefined);
    return taken;
  };
  let started = 0;
  const events: RunEvents | undefined = options.events;
  const children: ChildProcess[] = [];
  await new Promise<void>((resolve, reject) => {
    let running = 0;
    let failed: Error | undefined;
    // A signal stops every worker at its trial's next epoch end (each writes its checkpoint); the first one's trial is reported.
    let interrupted: RunInterrupted | undefined;
    const finishIfIdle = () => {
      if (running > 0) return;
      const signal = options.stop?.();
      if (failed) reject(failed);
      else if (interrupted ?? signal) reject(interrupted ?? new RunInterrupted(signal as NodeJS.Signals));
      else resolve();
    };
    const count = Math.max(1, Math.min(options.workers, source.total));
    if (source.total === 0) return resolve();
    for (let w = 0; w < count; w++) {
      const child = options.fork();
      children.push(child);
      running++;
      let current: Trial | undefined;
      // The progress handlers of the trial this worker runs.
      let trialEvents: TrialEvents | undefined;
      const next = async () => {
        current = undefined;
        try {
          current = failed || interrupted || options.stop?.() ? undefined : await take();
        } catch (error) {
          failed ??= error as Error;
        }
        if (!current || failed || interrupted) {
          current = undefined;
          return child.send({ type: 'stop' } satisfies ToWorker);
        }
        trialEvents = events?.onTrialStart?.(current, started++, source.total) ?? undefined;
        child.send({ type: 'run', id: current.id, ...(current.proposal !== undefined ? { proposal: current.proposal } : {}) } satisfies ToWorker);
      };
      child.on('message', (message: FromWorker) => {
        if (message.type === 'ready') void next();
        else if (message.type === 'log') trialEvents?.onLog?.(message.line);
        else if (message.type === 'epoch-start') trialEvents?.onEpochStart?.(message.epoch, message.epochs, message.batches);
        else if (message.type === 'batch') trialEvents?.onBatch?.(message.info);
        else if (message.type === 'epoch') trialEvents?.onEpochEnd?.(message.row);
        else if (message.type === 'done') {
          const outcome: TrialOutcome = { trial: byId.get(message.id) as Trial, status: message.status, seconds: message.seconds, ...(message.metrics ? { metrics: message.metrics } : {}), ...(message.reason ? { reason: message.reason } : {}), ...(message.pruned ? { pruned: message.pruned } : {}) };
          busy.delete(message.id);
          outcomes.push(outcome);
          events?.onTrialEnd?.(outcome, outcomes.length, source.total);
          void next();
        } else if (message.type === 'interrupted') {
          interrupted ??= new RunInterrupted(message.signal, message.epochs === undefined ? undefined : { id: message.id, epochs: message.epochs });
          current = undefined;
          child.send({ type: 'stop' } satisfies ToWorker);
        } else if (message.type === 'error') {
          failed = message.user ? new UserError(message.message, { at: message.at, path: message.path, hint: message.hint }) : new Error(`trial ${message.id} failed in a worker: ${message.message}`);
          child.send({ type: 'stop' } satisfies ToWorker);
        }
      });
      child.on('exit', (code, signal) => {
        running--;
        if (current && !failed && !interrupted && (code !== 0 || signal)) {
          failed = new Error(`the worker running trial ${current.id} stopped (${signal ?? `exit code ${code}`}); finished trials are kept, run the same command to resume.`);
        }
        finishIfIdle();
      });
    }
  }).finally(() => {
    for (const child of children) if (child.exitCode === null && child.connected) child.send({ type: 'stop' } satisfies ToWorker);
  });
  return outcomes;
}

/** Batches are reported to the parent at most this often (the last one of an epoch is followed by its end). */
const BATCH_REPORT_MS = 200;

/** The messages that carry one trial's progress to the parent. */
function progressMessages(id: string, send: (message: FromWorker) => void): TrialEvents {
  let lastBatch = 0;
  return {
    onLog: (line) => send({ type: 'log', id, line }),
    onEpochStart: (epoch, epochs, batches) => send({ type: 'epoch-start', id, epoch, epochs, batches }),
    onBatch: (info) => {
      const now = Date.now();
      if (now - lastBatch < BATCH_REPORT_MS && info.batch < info.batches) return;
      lastBatch = now;
      send({ type: 'batch', id, info });
    },
    onEpochEnd: (row) => send({ type: 'epoch', id, row }),
  };
}

/** The worker side: runs the trials the parent sends, reporting progress, until told to stop. */
export function serveTrials(trials: readonly Trial[], options: RunOptions & { find?: (id: string, proposal: number) => Trial | undefined }): void {
  const byId = new Map(trials.map((t) => [t.id, t]));
  const send = (message: FromWorker) => process.send?.(message);
  // If the parent dies (killed), stop at once: the trial in progress is not committed.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message: ToWorker) => {
    if (message.type === 'stop') {
      process.disconnect?.();
      return;
    }
    const trial = (message.proposal !== undefined ? options.find?.(message.id, message.proposal) : undefined) ?? (byId.get(message.id) as Trial);
    try {
      const outcome = await runLocked(trial, options, () => progressMessages(trial.id, send));
      send({ type: 'done', id: trial.id, status: outcome.status, seconds: outcome.seconds, ...(outcome.metrics ? { metrics: outcome.metrics } : {}), ...(outcome.reason ? { reason: outcome.reason } : {}), ...(outcome.pruned ? { pruned: outcome.pruned } : {}) });
    } catch (error) {
      if (error instanceof RunInterrupted) {
        send({ type: 'interrupted', id: trial.id, signal: error.signal, ...(error.trial ? { epochs: error.trial.epochs } : {}) });
        return;
      }
      const user = error instanceof UserError;
      send({ type: 'error', id: trial.id, message: (error as Error).message, user, ...(user ? { hint: error.hint, at: error.at, path: error.path } : {}) });
    }
  });
  send({ type: 'ready' });
}
